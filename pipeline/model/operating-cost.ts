/**
 * @module operating-cost – the audit's question in one row: does the case's yearly benefit exceed the yearly rise in
 * operating costs ("den samlade nyttan … överstiger denna merkostnad", 350 mnkr a year, 400–450 if legacy systems stay)?
 */
import { annuityFactor, presentValue } from './finance.js';

const MONEY: [RegExp, number][] = [
  [/^(md|mdr|mdkr|miljarder)/, 1e9],
  [/^(mn|mnkr|mkr|miljoner)/, 1e6],
  [/^(t|tkr|tusen)/, 1e3],
  [/^(kr|sek)/, 1],
];

/** A key figure's value in SEK by its unit (`mnkr/år`, `tkr`, `kr` …); null for a unit that is not money. */
export function toSek(value: number | null, unit: string | null): number | null {
  if (value === null || !unit) return null;
  const u = unit.trim().toLowerCase();
  const match = MONEY.find(([re]) => re.test(u));
  return match ? value * match[1] : null;
}

const folded = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '');

/**
 * Whether a key figure names a yearly rise in operating costs: a money figure per year whose name speaks of operating
 * or running costs ("Ökade driftkostnader per år efter driftstart", `merkostnad_forvaltning_per_ar`).
 */
export function isOperatingCostRise(name: string, unit: string | null): boolean {
  const n = folded(name);
  const perYear = /per[ _]ar\b|\/ ?ar\b|arlig/.test(n) || /\/ ?år|per år/.test((unit ?? '').toLowerCase());
  const operating = /driftkostnad|driftskostnad|merkostnad_forvaltning|forvaltningskostnad|okade_drift|okade drift/.test(n);
  return perYear && operating && toSek(1, unit) !== null;
}

/**
 * The case's expected benefits from year index `fromT` on, as the even yearly amount with the same present value
 * (the same annuity the break-even benefit uses, so the two compare).
 */
export function annualEquivalent(benefits: readonly number[], rate: number, fromT: number): number {
  const later = benefits.map((b, t) => (t >= fromT ? b : 0));
  const annuity = annuityFactor(rate, fromT, benefits.length);
  return annuity === 0 ? 0 : presentValue(later, rate) / annuity;
}
