/** @module case-figures – what the Nyttokalkyl sheet reads of the service's business case, as types drawn from the contract. */
import type { z } from 'zod';
import type {
  BusinessCaseResponse,
  KeyFigureListResponse,
  CaseLine,
  keyFiguresSchema,
  scenarioFiguresSchema,
  sensitivitySchema,
} from '../../pipeline/contracts/index.js';

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
