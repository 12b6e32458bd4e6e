/**
 * @module defaults – what the service takes for a parameter left out, where a person may leave it out: the business
 * case's rate, the production loss's curve and cost, the delay. The service applies these and the task pane shows them
 * as its fields' placeholders, so an empty field means what it shows.
 */
export const PARAMETER_DEFAULTS = {
  /** The discount rate, as a share (Inera, after TLV). */
  rate: 0.03,
  /** The share of production lost at the loss curve's peak (the audit says 25–50 %). */
  peak: 0.25,
  /** Kronor per lost contact. */
  costPerContact: 2000,
  weeksBefore: 12,
  weeksAfter: 16,
  delayMonths: 0,
} as const;
