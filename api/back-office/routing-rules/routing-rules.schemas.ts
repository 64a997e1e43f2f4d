import { z } from 'zod';
import { databaseIdText } from '../../input-rules';
import { listQuerySchema } from '../list-query';

export const routingRuleRecord = z.object({
  id: z.number().int(),
  eventCode: z.string().nullable(),
  district: z.string().nullable(),
  unitCode: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
});

export const routingRuleListQuery = listQuerySchema(
  ['id', 'eventCode', 'district', 'unitCode', 'active', 'createdAt'] as const,
  {
    id: z.array(databaseIdText).max(500).optional(),
    eventCode: z.string().max(64).optional(),
    district: z.string().max(100).optional(),
    unitCode: z.string().max(64).optional(),
    active: z.boolean().optional(),
  },
);

// An empty choice in a form is "any": null, like a missing field.
const anyOr = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .transform((value) => (value ? value : null));

const ruleFields = {
  /** null: any event. */
  eventCode: anyOr(64),
  /** null: any district. */
  district: anyOr(100),
  /** A unit code, or `UD` for the district office of the case's district. */
  unitCode: z.string().trim().toUpperCase().min(1, 'is required').max(64),
  active: z.boolean(),
};

export const createRoutingRuleBody = z
  .object({
    eventCode: ruleFields.eventCode.default(null),
    district: ruleFields.district.default(null),
    unitCode: ruleFields.unitCode,
    active: ruleFields.active.default(true),
  })
  .strict();

/** react-admin sends the whole record back: id and createdAt are ignored. */
export const updateRoutingRuleBody = z.object(ruleFields).partial();

export const ruleIdParams = z.object({ id: databaseIdText });

export const routingPreviewQuery = z.object({
  eventCode: z.string().trim().max(64).optional(),
  district: z.string().trim().max(100).optional(),
});

export const routingPreview = z.object({
  routed: z.boolean(),
  unitCode: z.string().nullable(),
  /** The rule that decided, when one did. */
  ruleId: z.number().int().nullable(),
  reason: z.string().nullable(),
});
