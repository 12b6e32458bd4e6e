/**
 * @module approved-version – *Fastställd version*: the approved version of a business case, or of a follow-up's targets
 * and baselines, beside today's figures, each difference a formula. Which version, who approved it and when, and an
 * approved version whose load was undone later said so.
 */
import type { Approval, BusinessCaseResponse, FollowupResponse } from '../../pipeline/contracts/index.js';
import { a1 } from './a1.js';
import { FORMAT, type Block, type Cell } from './plan.js';
import { caseComparisonBlock, targetComparisonBlock, type ComparedCase } from './version-compare.js';

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

const infoBlock = (id: string, approval: Approval, row: number, extra?: string): Block => ({
  id,
  row,
  col: 0,
  cells: [['Fastställd version', approvalText(approval)], ...(extra ? [[null, extra] as Cell[]] : [])],
  rowStyles: ['header', ...(extra ? (['note'] as const) : [])],
});

/** The business case's approved version: who and when, then its figures beside today's, each difference a formula. */
export function approvedCaseBlocks(now: ComparedCase, approved: NonNullable<BusinessCaseResponse['approved']>, row: number): Block[] {
  if (!approved.figures)
    return [
      infoBlock('faststalld', approved.approval, row, 'Den fastställda versionen har inte det här scenariot: inget att jämföra med.'),
    ];
  return [
    infoBlock('faststalld_info', approved.approval, row),
    caseComparisonBlock(now, approved.figures, '', row + 2, {
      id: 'faststalld',
      heading: 'Jämfört med den fastställda versionen',
      then: 'Fastställd',
    }),
  ];
}

type Approved = NonNullable<FollowupResponse['approved']>;

/** Each baseline now and approved, the difference a formula. */
function baselineBlock(deviations: NonNullable<Approved['baseline']>['deviations'], row: number): Block {
  const cells: Cell[][] = [['Baslinjer jämförda med den fastställda versionen', 'Plats', 'Baslinje nu', 'Baslinje fastställd', 'Skillnad']];
  for (const d of deviations) {
    const r = row + cells.length;
    cells.push([
      d.indicator,
      d.unit ?? d.geography,
      d.baseline,
      d.approved,
      { formula: `IF(AND(ISNUMBER(${a1(r, 2)}),ISNUMBER(${a1(r, 3)})),${a1(r, 2)}-${a1(r, 3)},"")` },
    ]);
  }
  if (!deviations.length) cells.push(['Inga baslinjer', null, null, null, null]);
  return {
    id: 'faststalld_baslinje',
    row,
    col: 0,
    cells,
    rowStyles: ['header'],
    formats: [null, null, FORMAT.decimal, FORMAT.decimal, FORMAT.decimal],
  };
}

/** The follow-up's approved targets and baselines: who and when, then every one now and approved, each difference a formula. */
export function approvedFollowupBlocks(approved: Approved, row: number): Block[] {
  const blocks: Block[] = [];
  let at = row;
  if (approved.targets) {
    const { approval, deviations } = approved.targets;
    const as = (pick: 'target' | 'approved') =>
      deviations.map((d) => ({
        indicator: d.indicator,
        unit: d.unit,
        geography: d.geography,
        years: [{ calendarYear: d.calendarYear, target: d[pick] }],
      }));
    blocks.push(infoBlock('faststalld_mal_info', approval, at));
    const table = targetComparisonBlock(as('target'), as('approved'), '', at + 2, {
      id: 'faststalld_mal',
      heading: 'Målvärden jämförda med den fastställda versionen',
      then: 'Fastställt',
    });
    blocks.push(table);
    at = table.row + table.cells.length + 1;
  }
  if (approved.baseline) {
    blocks.push(infoBlock('faststalld_baslinje_info', approved.baseline.approval, at));
    blocks.push(baselineBlock(approved.baseline.deviations, at + 2));
  }
  return blocks;
}
