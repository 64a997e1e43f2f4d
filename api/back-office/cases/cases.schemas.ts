import { z } from 'zod';
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

export const caseListQuery = listQuerySchema(
  ['createdAt', 'number', 'status', 'kind', 'priority', 'resolutionDueAt', 'unitCode', 'district'] as const,
  {
    id: z.array(z.uuid()).max(500).optional(),
    status: oneOrMany(z.enum(CASE_STATUSES)).optional(),
    kind: oneOrMany(z.enum(CASE_KINDS)).optional(),
    eventCode: z.string().max(64).optional(),
    unitCode: z.string().max(64).optional(),
    district: z.string().max(100).optional(),
    channel: oneOrMany(z.enum(CHANNELS)).optional(),
    slaState: oneOrMany(z.enum(SLA_STATES)).optional(),
    q: z.string().trim().max(200).optional(),
  },
);

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
  classificationConfidence: z.number().nullable(),
  resolvedAt: z.string().nullable(),
  /** The actions the signed-in user may take now: the back office shows exactly these buttons. */
  availableActions: z.array(z.enum(CASE_ACTIONS)),
});
export type CaseRecord = z.infer<typeof caseRecord>;

export const caseEventRecord = z.object({
  id: z.number().int(),
  caseId: z.uuid(),
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
});
