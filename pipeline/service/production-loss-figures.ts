/**
 * @module production-loss-figures – the modelled production loss for the service's answers (`/api/v1/production-loss`
 * and the business case): the volume indicator's baseline per unit from the store, the loss curve from the model, and
 * beside it the loss actually measured in the same weeks, so the assumption can be checked against what happened.
 */
import { PARAMETER_DEFAULTS, type ProductionLossResponse } from '../contracts/index.js';
import { DEFAULT_CURVE, productionLoss, type LossCurve } from '../model/production-loss.js';
import { answer, type ServiceDeps } from './context.js';

export interface LossParameters {
  volumeIndicator: string;
  unit?: string;
  costPerContact?: number;
  peak?: number;
  weeksBefore?: number;
  weeksAfter?: number;
}

export async function modelledLoss(deps: ServiceDeps, p: LossParameters): Promise<ProductionLossResponse> {
  // The defaults the task pane shows as placeholders (the contracts'), on the model's curve shape.
  const curve: LossCurve = {
    ...DEFAULT_CURVE,
    peak: p.peak ?? PARAMETER_DEFAULTS.peak,
    weeksBefore: p.weeksBefore ?? PARAMETER_DEFAULTS.weeksBefore,
    weeksAfter: p.weeksAfter ?? PARAMETER_DEFAULTS.weeksAfter,
  };
  const costPerContact = p.costPerContact ?? PARAMETER_DEFAULTS.costPerContact;
  const { rows } = await answer(deps, 'production_loss', {
    indicator: p.volumeIndicator,
    unit: p.unit,
    weeks_before: curve.weeksBefore,
    weeks_after: curve.weeksAfter,
  });
  const loss = productionLoss(
    rows.map((u) => ({
      unit: String(u.unit),
      administration: String(u.administration),
      goLive: String(u.go_live),
      weeklyVolume: Number(u.weekly_volume),
      costPerContact,
    })),
    curve,
  );
  // Measured: what the baseline's weekly volume would have given over the window's periods, less what was recorded.
  const measured = new Map<string, { expectedContacts: number; actualContacts: number }>();
  for (const u of rows) {
    const m = measured.get(String(u.administration)) ?? { expectedContacts: 0, actualContacts: 0 };
    m.expectedContacts += Number(u.weekly_volume) * Number(u.window_weeks);
    m.actualContacts += Number(u.window_volume);
    measured.set(String(u.administration), m);
  }
  return {
    volumeIndicator: p.volumeIndicator,
    costPerContact,
    curve,
    byAdministration: Object.entries(loss.byAdministration).map(([administration, v]) => ({ administration, ...v })),
    byWave: Object.entries(loss.byWave).map(([goLive, v]) => ({ goLive, ...v })),
    byYear: Object.entries(loss.byYear).map(([year, lostSek]) => ({ year: Number(year), lostSek })),
    lostSek: Object.values(loss.byYear).reduce((sum, v) => sum + v, 0),
    measured: [...measured].map(([administration, m]) => ({
      administration,
      ...m,
      lostContacts: m.expectedContacts - m.actualContacts,
      lostSek: (m.expectedContacts - m.actualContacts) * costPerContact,
    })),
  };
}
