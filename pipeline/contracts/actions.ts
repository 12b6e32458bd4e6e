/** @module actions – `GET /api/v1/actions?program=&owner=` ("Att göra"): every item someone must act on, and how late it is. */
import { z } from 'zod';

export const ACTION_KINDS = ['risk_action', 'milestone', 'measurement', 'status_assessment', 'benefit_owner'] as const;

export const actionsQuery = z
  .object({
    program: z.string().max(200).optional(),
    /** Only this owner's items (compared without regard to case). */
    owner: z.string().max(200).optional(),
  })
  .strict();

export const actionItemSchema = z.object({
  kind: z.enum(ACTION_KINDS),
  program: z.string(),
  /** The risk, milestone, indicator or benefit it is about. */
  id: z.string(),
  what: z.string(),
  owner: z.string().nullable(),
  due: z.string().nullable(),
  /** Days past `due`, 0 when not past yet; null without a due date. */
  daysOverdue: z.number().int().nullable(),
});
export type ActionItemAnswer = z.infer<typeof actionItemSchema>;

export const actionsResponse = z.object({
  /** The day the items were judged on. */
  today: z.string(),
  program: z.string().nullable(),
  owner: z.string().nullable(),
  items: z.array(actionItemSchema),
  /** Everyone with an item (before the owner filter), to choose from. */
  owners: z.array(z.string()),
});
export type ActionsResponse = z.infer<typeof actionsResponse>;
export type ActionItem = z.infer<typeof actionItemSchema>;
export type ActionKind = z.infer<typeof actionItemSchema>['kind'];
