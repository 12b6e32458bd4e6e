/**
 * @module approvals – `POST /api/v1/approvals` (controller) records that a version of a program's business case,
 * targets, baselines or report was approved (fastställd); `GET /api/v1/approvals?program=` lists them.
 */
import { z } from 'zod';
import { nullableNumber } from './common.js';

export const APPROVAL_SUBJECTS = ['nyttokalkyl', 'malvarden', 'baslinje', 'rapport'] as const;
export type ApprovalSubject = (typeof APPROVAL_SUBJECTS)[number];

const subject = z.enum(APPROVAL_SUBJECTS, { message: `"subject" ska vara ${APPROVAL_SUBJECTS.join(', ')}` });

/** The body of `POST /api/v1/approvals`. `asOf`: the version approved (a load id or a moment); without it, the store as it stands. */
export const approvalRequest = z
  .object({
    program: z.string({ message: '"program" saknas' }).trim().min(1, '"program" saknas').max(200),
    subject,
    asOf: z
      .union([z.string().max(40), z.number().int().min(0)], { message: '"asOf" ska vara ett inläsnings-id eller en tidpunkt' })
      .optional(),
    comment: z.string({ message: '"comment" ska vara text' }).max(2000, '"comment" är längre än 2000 tecken').optional(),
  })
  .strict();
export type ApprovalRequest = z.infer<typeof approvalRequest>;

export const approvalsQuery = z
  .object({
    program: z.string().max(200).optional(),
    subject: subject.optional(),
  })
  .strict();

export const approvalSchema = z.object({
  /** The approval's own load: it is read asOf and undone like any load. */
  id: z.number().int(),
  program: z.string(),
  subject,
  /** The load id approved: the store as it stood right after it (read it with `asOf`). */
  version: z.number().int(),
  comment: z.string().nullable(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string(),
  versionFile: z.string().nullable(),
  versionLoadedAt: z.string().nullable(),
  /** The approved version's load was undone later: the approval stands, flagged. */
  versionUndone: z.boolean(),
  versionUndoneBy: z.number().int().nullable(),
  /** False when `nytta purge` has removed the history the version needs. */
  versionReadable: z.boolean(),
});
export type Approval = z.infer<typeof approvalSchema>;

export const approvalsResponse = z.object({ approvals: z.array(approvalSchema) });
export type ApprovalsResponse = z.infer<typeof approvalsResponse>;

/** The business case's approved version beside today's: its figures and the deviation (today − approved). */
export const approvedCaseSchema = z.object({
  approval: approvalSchema,
  /** The same question asked of the approved version; null when it cannot be answered there (no such scenario then). */
  figures: z
    .object({
      npv: z.number(),
      bcr: nullableNumber,
      payback: nullableNumber,
      discountedPayback: nullableNumber,
      years: z.array(z.object({ year: z.number().int(), costs: z.number(), benefits: z.number() })),
    })
    .nullable(),
  /** Today's figure minus the approved one; null where either is missing (no payback within the period). */
  deviation: z.object({ npv: z.number(), bcr: nullableNumber, payback: nullableNumber, discountedPayback: nullableNumber }).nullable(),
});

const place = { indicator: z.string(), unit: z.string().nullable(), geography: z.string().nullable() };

/** The follow-up's approved targets and baselines beside today's, with the deviation of each. */
export const approvedFollowupSchema = z.object({
  targets: z
    .object({
      approval: approvalSchema,
      deviations: z.array(
        z.object({
          ...place,
          calendarYear: z.number().int(),
          target: nullableNumber,
          approved: nullableNumber,
          difference: nullableNumber,
        }),
      ),
    })
    .nullable(),
  baseline: z
    .object({
      approval: approvalSchema,
      deviations: z.array(z.object({ ...place, baseline: nullableNumber, approved: nullableNumber, difference: nullableNumber })),
    })
    .nullable(),
});
export type ApprovedCase = z.infer<typeof approvedCaseSchema>;
export type ApprovedFollowup = z.infer<typeof approvedFollowupSchema>;
export type TargetDeviation = NonNullable<ApprovedFollowup['targets']>['deviations'][number];
export type BaselineDeviation = NonNullable<ApprovedFollowup['baseline']>['deviations'][number];
