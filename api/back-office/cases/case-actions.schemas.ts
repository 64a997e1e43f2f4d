import { z } from 'zod';
import { CASE_KINDS, PRIORITIES } from '../../../domain/cases/case-states';

const note = z.string().trim().min(1, 'is required').max(4000);
const optionalNote = z.string().trim().max(4000).optional();
const eventCode = z.string().regex(/^[A-Z][A-Z0-9_]{1,63}$/, 'must be an event code such as POTHOLE');

/** The body of each action: zod is the one source of the API's types and of the OpenAPI document. */
export const actionBodies = {
  classify: z
    .object({
      kind: z.enum(CASE_KINDS),
      eventCode: eventCode.nullable().optional(),
      priority: z.enum(PRIORITIES).optional(),
      note: optionalNote,
    })
    .strict()
    .refine((b) => b.kind !== 'INCIDENT' || Boolean(b.eventCode), {
      message: 'an INCIDENT needs an event code',
      path: ['eventCode'],
    }),
  forward: z.object({ unitCode: z.string().min(1).max(64), note: optionalNote }).strict(),
  accept: z.object({ note: optionalNote }).strict(),
  'request-info': z.object({ note }).strict(),
  resolve: z.object({ note }).strict(),
  return: z.object({ note }).strict(),
  reopen: z.object({ note }).strict(),
  merge: z.object({ parentCaseId: z.uuid(), note: optionalNote }).strict(),
  answer: z.object({ note }).strict(),
  cancel: z.object({ note }).strict(),
  comment: z.object({ note, isPublic: z.boolean().optional() }).strict(),
} as const;
