/** @module kinds – every import kind, in load order (references before what refers to them). */
import { businessCase } from './business-case.js';
import { benefitStatus, lessons } from './management.js';
import { benefits, effectGoals, indicators, keyFigures, milestones, organisation, programs, targets } from './catalogue.js';
import { observations } from './observations.js';
import { risks } from './risks.js';
import type { KindSpec } from './spec.js';

export const KINDS: readonly KindSpec[] = [
  programs,
  organisation,
  effectGoals,
  benefits,
  milestones,
  indicators,
  targets,
  observations,
  businessCase,
  risks,
  keyFigures,
  benefitStatus,
  lessons,
];

/** Detection order: kinds with the most specific signatures first. */
const DETECTION_ORDER: readonly KindSpec[] = [
  benefitStatus,
  lessons,
  businessCase,
  targets,
  risks,
  observations,
  milestones,
  benefits,
  effectGoals,
  organisation,
  programs,
  indicators,
  keyFigures,
];

export function kindByName(name: string): KindSpec | undefined {
  const folded = name
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '');
  return KINDS.find((k) => k.kind === folded);
}

/** The kind whose signature columns all appear in the (normalised) header. */
export function detectKind(columns: ReadonlySet<string>): KindSpec | undefined {
  return DETECTION_ORDER.find((k) => [k.signature, ...(k.alsoSignatures ?? [])].some((sig) => sig.every((c) => columns.has(c))));
}

export const KIND_NAMES = KINDS.map((k) => k.kind);
