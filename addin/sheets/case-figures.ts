/**
 * @module case-figures – what the Nyttokalkyl sheet reads of the service's business case, as types drawn from the
 * contract, and the years and columns its table and the audit's blocks share.
 */
import type { z } from 'zod';
import type {
  BusinessCaseResponse,
  KeyFigureListResponse,
  CaseLine,
  keyFiguresSchema,
  scenarioFiguresSchema,
  sensitivitySchema,
} from '../../pipeline/contracts/index.js';
import { Columns } from './layout.js';

type Figures = z.infer<typeof keyFiguresSchema>;
type Scenario = z.infer<typeof scenarioFiguresSchema>;
type Sensitivity = z.infer<typeof sensitivitySchema>;

/** What the sheet reads of the service's business case (`GET /api/v1/business-case`): a full answer fits. */
export type CaseFigures = Partial<
  Pick<
    BusinessCaseResponse,
    | 'outcomeAndForecast'
    | 'actors'
    | 'stakeholders'
    | 'operatingCostTest'
    | 'delay'
    | 'productionLoss'
    | 'approved'
    | 'bcr'
    | 'payback'
    | 'discountedPayback'
    | 'years'
  >
> &
  Pick<BusinessCaseResponse, 'program' | 'scenario' | 'rate' | 'startYear' | 'endYear' | 'fromYear' | 'npv' | 'planAgainstOutcome'> & {
    expected: Pick<Figures, 'npv' | 'bcr' | 'payback' | 'discountedPayback' | 'paybackYear' | 'breakEvenAnnualBenefit'>;
    scenarios: Pick<Scenario, 'scenario' | 'npv' | 'bcr' | 'payback' | 'expectedNpv'>[];
    sensitivity: Omit<Sensitivity, 'npv'>;
    lines: SheetCaseLine[];
  };
export type SheetCaseLine = Omit<CaseLine, 'scenario' | 'probability'> & { probability?: number };

/** The store's key figures (`GET /api/v1/key-figures`), listed on the sheet for reference. */
export type StoreKeyFigure = KeyFigureListResponse['keyFigures'][number];

/** The case's years, first to last. */
export const caseYears = (f: Pick<CaseFigures, 'startYear' | 'endYear'>) =>
  Array.from({ length: f.endYear - f.startYear + 1 }, (_, i) => f.startYear + i);

/** The main table's columns: the item's description, its low and high, one column per year, and the sum. */
export const caseColumns = (years: readonly number[]) =>
  new Columns(['post', 'kategori', 'nyttotyp', 'intressent', 'låg', 'hög', ['år', years.length], 'summa'] as const);
export type CaseColumns = ReturnType<typeof caseColumns>;
