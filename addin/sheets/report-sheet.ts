/**
 * @module report-sheet – the governance calendar's reports: a tertial report (`2026-T2`), the interim report
 * (`2026-delår`, through August) and the annual report (`2026-år`). The cover says which period, where it ends, which
 * report it is compared with, and which sheets follow.
 */
import type { ActionsResponse, Approval } from '../../pipeline/contracts/index.js';
import { actions } from './actions-block.js';
import { approvalText } from './approved-version.js';
import { SheetLayout } from './layout.js';
import type { Provenance, SheetPlan } from './plan.js';

export interface ReportPeriod {
  /** As given: 2026-T2, 2026-delår, 2026-år. */
  id: string;
  title: string;
  /** The last day the report covers. */
  end: string;
  /** The last day the previous report covered: what "changed since" compares with. */
  previousEnd: string;
}

const TERTIAL_END = ['04-30', '08-31', '12-31'];

/** The period `2026-T2`, `2026-delår` or `2026-år`, or null when it is none of them. */
export function reportPeriod(text: string): ReportPeriod | null {
  const m = /^(\d{4})-(T[1-3]|delår|delar|år|ar)$/i.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const kind = m[2].toLowerCase();
  if (kind.startsWith('t')) {
    const t = Number(kind[1]);
    return {
      id: `${year}-T${t}`,
      title: `Tertialrapport ${t} ${year}`,
      end: `${year}-${TERTIAL_END[t - 1]}`,
      previousEnd: t === 1 ? `${year - 1}-12-31` : `${year}-${TERTIAL_END[t - 2]}`,
    };
  }
  // The interim report covers January–August and follows the annual report; the annual report follows the interim one.
  if (kind === 'delår' || kind === 'delar')
    return { id: `${year}-delår`, title: `Delårsrapport ${year}`, end: `${year}-08-31`, previousEnd: `${year - 1}-12-31` };
  return { id: `${year}-år`, title: `Årsredovisning ${year}`, end: `${year}-12-31`, previousEnd: `${year}-08-31` };
}

export function reportCoverSheet(
  program: string,
  period: ReportPeriod,
  riskAssessed: { now: string | null; before: string | null },
  sheets: readonly string[],
  provenance: Provenance,
  /** What is due (`GET /api/v1/actions?program=`), and the latest approval of the report, if any. */
  management: { actions?: Pick<ActionsResponse, 'today' | 'items'>; approval?: Approval | null } = {},
): SheetPlan {
  const sheet = new SheetLayout();
  sheet.title(`${period.title} – ${program}`);
  const approval = management.approval;
  sheet.fields('period', null, [
    { label: 'Program', value: program },
    { label: 'Period', value: period.id },
    { label: 'Perioden slutar', value: period.end },
    { label: 'Föregående rapport slutade', value: period.previousEnd },
    { label: 'Riskbedömning i rapporten', value: riskAssessed.now ?? 'ingen bedömning före periodens slut' },
    { label: 'Jämförs med riskbedömningen', value: riskAssessed.before ?? 'ingen tidigare bedömning' },
    ...(approval !== undefined
      ? [{ label: 'Fastställd', value: approval ? approvalText(approval) : 'ingen fastställd version av rapporten' }]
      : []),
  ]);
  if (management.actions) sheet.block('att_gora', actions(management.actions));
  sheet.block('innehall', (b) => {
    b.add(['Blad i rapporten'], { style: 'header' });
    for (const name of sheets) b.add([name]);
  });
  return sheet.plan({ name: 'Rapport', code: 'RA', columnWidths: [34, 50, 60, 20, 12, 10], provenance });
}
