/**
 * @module report-sheet – the governance calendar's reports: a tertial report (`2026-T2`), the interim report
 * (`2026-delår`, through August) and the annual report (`2026-år`). The cover says which period, where it ends, which
 * report it is compared with, and which sheets follow.
 */
import type { ActionsResponse, Approval } from '../../pipeline/contracts/index.js';
import { actionsBlock } from './actions-block.js';
import { approvalText } from './approved-version.js';
import { nextFreeRow, provenanceBlock, type Block, type Cell, type Provenance, type SheetPlan } from './plan.js';

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
  const blocks: Block[] = [
    { id: 'rubrik', row: 0, col: 0, cells: [[`${period.title} – ${program}`]], rowStyles: ['title'] },
    {
      id: 'period',
      row: 2,
      col: 0,
      cells: [
        ['Program', program],
        ['Period', period.id],
        ['Perioden slutar', period.end],
        ['Föregående rapport slutade', period.previousEnd],
        ['Riskbedömning i rapporten', riskAssessed.now ?? 'ingen bedömning före periodens slut'],
        ['Jämförs med riskbedömningen', riskAssessed.before ?? 'ingen tidigare bedömning'],
        ...(management.approval !== undefined
          ? [['Fastställd', management.approval ? approvalText(management.approval) : 'ingen fastställd version av rapporten'] as Cell[]]
          : []),
      ],
    },
  ];
  if (management.actions) blocks.push(actionsBlock(management.actions, nextFreeRow(blocks)));
  blocks.push({
    id: 'innehall',
    row: nextFreeRow(blocks),
    col: 0,
    cells: [['Blad i rapporten'], ...sheets.map((s): Cell[] => [s])],
    rowStyles: ['header'],
  });
  blocks.push(provenanceBlock(provenance, nextFreeRow(blocks)));
  return { name: 'Rapport', code: 'RA', blocks, charts: [], columnWidths: [34, 50, 60, 20, 12, 10], provenance, notes: [] };
}
