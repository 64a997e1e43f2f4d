import { z } from 'zod';
import { supportedDateTime, supportedDay } from '../../input-rules';
import { CASE_ACTIONS } from '../../../domain/cases/case-actions';
import {
  CASE_KINDS,
  CASE_STATUSES,
  CHANNELS,
  PRIORITIES,
  SLA_STATES,
} from '../../../domain/cases/case-states';
import { listQuerySchema } from '../list-query';

const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item).max(20)]);

/** A day ("2026-11-29", a whole day in Warsaw) or an instant with its offset. */
const dayOrInstant = z.union([supportedDay, supportedDateTime()]);

/**
 * Sortable fields. `urgency` is the unit queue's order: open cases by resolution deadline (so
 * the overdue ones first, those without a deadline last), then closed cases.
 */
export const CASE_SORTS = [
  'createdAt',
  'number',
  'status',
  'kind',
  'priority',
  'resolutionDueAt',
  'unitCode',
  'district',
  'urgency',
] as const;

export const caseListQuery = listQuerySchema(CASE_SORTS, {
  id: z.array(z.uuid()).max(500).optional(),
  status: oneOrMany(z.enum(CASE_STATUSES)).optional(),
  kind: oneOrMany(z.enum(CASE_KINDS)).optional(),
  eventCode: z.string().max(64).optional(),
  unitCode: z.string().max(64).optional(),
  district: z.string().max(100).optional(),
  channel: oneOrMany(z.enum(CHANNELS)).optional(),
  slaState: oneOrMany(z.enum(SLA_STATES)).optional(),
  /** Escalated at least this far (1 = breached once). */
  escalationLevel_gte: z.number().int().min(0).max(20).optional(),
  createdAt_gte: dayOrInstant.optional(),
  createdAt_lte: dayOrInstant.optional(),
  /**
   * Past SLA: open (OPEN_STATUSES) and past its resolution deadline (true), or not (false). The
   * `slaState` filter is the stored outcome instead: BREACHED also on cases finished late.
   */
  overdue: z.boolean().optional(),
  q: z.string().trim().max(200).optional(),
});

export const caseRecord = z.object({
  id: z.uuid(),
  number: z.string(),
  kind: z.enum(CASE_KINDS),
  status: z.enum(CASE_STATUSES),
  eventCode: z.string().nullable(),
  unitCode: z.string().nullable(),
  district: z.string().nullable(),
  channel: z.enum(CHANNELS),
  priority: z.enum(PRIORITIES),
  language: z.string(),
  description: z.string(),
  location: z.object({
    lat: z.number().nullable(),
    lon: z.number().nullable(),
    street: z.string().nullable(),
    building: z.string().nullable(),
  }),
  contact: z.object({
    name: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
  }),
  slaState: z.enum(SLA_STATES).nullable(),
  escalationLevel: z.number().int(),
  firstResponseDueAt: z.string().nullable(),
  resolutionDueAt: z.string().nullable(),
  duplicateOf: z.uuid().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  suggestedParentId: z.uuid().nullable(),
  /** A case a mail named that it was not added to (its sender unauthenticated, the case closed). */
  relatedCaseId: z.uuid().nullable(),
  classificationConfidence: z.number().nullable(),
  resolvedAt: z.string().nullable(),
  /** The actions the signed-in user may take now: the back office shows exactly these buttons. */
  availableActions: z.array(z.enum(CASE_ACTIONS)),
});
export type CaseRecord = z.infer<typeof caseRecord>;

export const caseEventRecord = z.object({
  id: z.number().int(),
  caseId: z.uuid(),
  caseNumber: z.string(),
  type: z.string(),
  actor: z.string(),
  actorRole: z.string().nullable(),
  status: z.string().nullable(),
  isPublic: z.boolean(),
  note: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()).nullable(),
  createdAt: z.string(),
});

export const caseEventListQuery = listQuerySchema(['id', 'createdAt'] as const, {
  caseId: z.uuid().optional(),
  /** A username ("clerk") or the actor as stored ("user:clerk", "system", "resident"). */
  actor: z.string().trim().min(1).max(255).optional(),
  type: oneOrMany(
    z.string().regex(/^[A-Z0-9_]{1,64}$/, 'must be an event type like SLA_BREACHED'),
  ).optional(),
  createdAt_gte: dayOrInstant.optional(),
  createdAt_lte: dayOrInstant.optional(),
});
