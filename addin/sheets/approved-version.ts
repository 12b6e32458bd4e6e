/**
 * @module approved-version – *Fastställd version*: the approved version of a business case, or of a follow-up's targets
 * and baselines, beside today's figures, each difference a formula. Which version, who approved it and when, and an
 * approved version whose load was undone later said so.
 */
import type { Approval, BusinessCaseResponse, FollowupResponse } from '../../pipeline/contracts/index.js';
import type { BlockWriter, SheetLayout } from './layout.js';
import { FORMAT } from './plan.js';
import { caseComparison, targetComparison, type ComparedCase, type ComparisonLabels } from './version-compare.js';

const SUBJECT_TEXT: Record<Approval['subject'], string> = {
  nyttokalkyl: 'Nyttokalkylen',
  malvarden: 'Målvärdena',
  baslinje: 'Baslinjerna',
  rapport: 'Rapporten',
};

/** "Nyttokalkylen fastställd 2026-03-15 14:02 av Karin Controller: version efter inläsning 11 (kalkyl.csv) – Styrgruppen." */
export function approvalText(a: Approval): string {
  const version = `version efter inläsning ${a.version}${a.versionFile ? ` (${a.versionFile})` : ''}`;
  const parts = [
    `${SUBJECT_TEXT[a.subject]} fastställd ${a.approvedAt.slice(0, 16)}${a.approvedBy ? ` av ${a.approvedBy}` : ''}: ${version}`,
    a.comment ? ` – ${a.comment}` : '',
    a.versionUndone ? `. OBS: den fastställda versionens inläsning har ångrats sedan (ångring ${a.versionUndoneBy}).` : '',
    a.versionReadable ? '' : '. Versionen kan inte läsas längre: historiken före den är rensad (nytta purge).',
  ];
  return parts.join('');
}

/** Which version was approved, by whom and when; `extra` said under it. */
const info = (sheet: SheetLayout, id: string, approval: Approval, extra?: string) =>
  sheet.block(id, (b) => {
    b.add(['Fastställd version', approvalText(approval)], { style: 'header' });
    if (extra) b.add([null, extra], { style: 'note' });
  });

/** The business case's approved version: who and when, then its figures beside today's, each difference a formula. */
export function approvedCaseBlocks(sheet: SheetLayout, now: ComparedCase, approved: NonNullable<BusinessCaseResponse['approved']>): void {
  if (!approved.figures) {
    info(sheet, 'faststalld', approved.approval, 'Den fastställda versionen har inte det här scenariot: inget att jämföra med.');
    return;
  }
  info(sheet, 'faststalld_info', approved.approval);
  const labels: ComparisonLabels = { id: 'faststalld', heading: 'Jämfört med den fastställda versionen', then: 'Fastställd' };
  sheet.block(labels.id, caseComparison(now, approved.figures, labels));
}

type Approved = NonNullable<FollowupResponse['approved']>;

/** Each baseline now and approved, the difference a formula. */
const baselines =
  (deviations: NonNullable<Approved['baseline']>['deviations']): BlockWriter =>
  (b) => {
    b.add(['Baslinjer jämförda med den fastställda versionen', 'Plats', 'Baslinje nu', 'Baslinje fastställd', 'Skillnad'], {
      style: 'header',
    });
    b.addEach(deviations, (d, r) => [
      d.indicator,
      d.unit ?? d.geography,
      d.baseline,
      d.approved,
      { formula: `IF(AND(ISNUMBER(${b.at(r, 2)}),ISNUMBER(${b.at(r, 3)})),${b.at(r, 2)}-${b.at(r, 3)},"")` },
    ]);
    if (!deviations.length) b.add(['Inga baslinjer', null, null, null, null]);
    return { formats: [null, null, FORMAT.decimal, FORMAT.decimal, FORMAT.decimal] };
  };

/** The follow-up's approved targets and baselines: who and when, then every one now and approved, each difference a formula. */
export function approvedFollowupBlocks(sheet: SheetLayout, approved: Approved): void {
  if (approved.targets) {
    const { approval, deviations } = approved.targets;
    const as = (pick: 'target' | 'approved') =>
      deviations.map((d) => ({
        indicator: d.indicator,
        unit: d.unit,
        geography: d.geography,
        years: [{ calendarYear: d.calendarYear, target: d[pick] }],
      }));
    info(sheet, 'faststalld_mal_info', approval);
    const labels: ComparisonLabels = {
      id: 'faststalld_mal',
      heading: 'Målvärden jämförda med den fastställda versionen',
      then: 'Fastställt',
    };
    sheet.block(labels.id, targetComparison(as('target'), as('approved'), labels));
  }
  if (approved.baseline) {
    info(sheet, 'faststalld_baslinje_info', approved.baseline.approval);
    sheet.block('faststalld_baslinje', baselines(approved.baseline.deviations));
  }
}
