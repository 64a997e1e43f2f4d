import { z } from 'zod';
import { supportedDateTime } from '../../input-rules';
import { CASE_KINDS, CASE_STATUSES, CHANNELS } from '../../../domain/cases/case-states';
import { MAX_CALL_SECONDS } from '../../../domain/cases/phone-calls';

export { idempotencyHeaders } from '../../public-cases/public-cases.schemas';

const trimmed = (max: number) => z.string().trim().min(1).max(max);

const phoneNumber = z.string().regex(/^\+?[0-9 ()-]{6,20}$/, 'must be a phone number');

export const recordCallBody = z
  .object({
    caller: z
      .object({
        name: trimmed(200).optional(),
        email: z.email().max(254).optional(),
        phone: phoneNumber.optional(),
      })
      .strict()
      .optional()
      .describe('Who called, as far as the caller wants to say'),
    kind: z.enum(CASE_KINDS).describe('What the caller brings, as the clerk classified it'),
    eventCode: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]{1,63}$/, 'must be an event code such as POTHOLE')
      .optional()
      .describe('Event from the taxonomy: required for an INCIDENT, absent for the other kinds'),
    location: z
      .object({
        lat: z.number().min(-90).max(90).optional(),
        lon: z.number().min(-180).max(180).optional(),
        street: trimmed(200).optional(),
        building: trimmed(20).optional(),
        district: trimmed(100).optional(),
      })
      .strict()
      .refine((l) => (l.lat === undefined) === (l.lon === undefined), {
        message: 'lat and lon go together',
        path: ['lat'],
      })
      .optional(),
    description: z.string().trim().min(3, 'must have at least 3 characters').max(4000),
    callStartedAt: supportedDateTime().optional().describe('When the clerk picked up'),
    callEndedAt: supportedDateTime().optional().describe('When the call ended'),
    durationSeconds: z
      .number()
      .int()
      .min(0)
      .max(MAX_CALL_SECONDS)
      .optional()
      .describe('Length of the call; wins over the two timestamps when the clerk corrected it'),
    answer: z
      .string()
      .trim()
      .min(3, 'must have at least 3 characters')
      .max(4000)
      .optional()
      .describe('The answer given during the call: the case is created already answered'),
    language: z.enum(['pl', 'en']).default('pl').describe("The caller's language, for mail"),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.kind === 'INCIDENT' && !body.eventCode) {
      ctx.addIssue({ code: 'custom', path: ['eventCode'], message: 'is required for an INCIDENT' });
    }
    if (body.kind === 'INCIDENT' && body.answer) {
      ctx.addIssue({
        code: 'custom',
        path: ['answer'],
        message: 'an INCIDENT is resolved by its unit, not answered on the spot',
      });
    }
    if (body.durationSeconds === undefined && !body.callStartedAt) {
      ctx.addIssue({
        code: 'custom',
        path: ['durationSeconds'],
        message: 'give the call length or when it started',
      });
    }
    if (body.callStartedAt && body.callEndedAt) {
      const seconds = (Date.parse(body.callEndedAt) - Date.parse(body.callStartedAt)) / 1000;
      if (seconds < 0 || seconds > MAX_CALL_SECONDS) {
        ctx.addIssue({
          code: 'custom',
          path: ['callEndedAt'],
          message: `must be after callStartedAt and at most ${MAX_CALL_SECONDS / 3600} hours later`,
        });
      }
    }
  });
export type RecordCallBody = z.infer<typeof recordCallBody>;

export const recordedCallResponse = z.object({
  id: z.uuid(),
  number: z.string(),
  kind: z.enum(CASE_KINDS),
  channel: z.enum(CHANNELS),
  /** NEW while the workflow takes it in (an answered call becomes ANSWERED within moments). */
  status: z.enum(CASE_STATUSES),
  answeredOnIntake: z.boolean(),
  call: z.object({
    startedAt: z.string().nullable(),
    endedAt: z.string().nullable(),
    durationSeconds: z.number().int(),
  }),
});

export const callerHistoryQuery = z
  .object({
    email: z.email().max(254).optional(),
    phone: phoneNumber.optional(),
  })
  .refine((query) => query.email !== undefined || query.phone !== undefined, {
    message: 'give an email or a phone',
    path: ['email'],
  });

export const callerHistoryResponse = z.array(
  z.object({
    id: z.uuid(),
    number: z.string(),
    kind: z.enum(CASE_KINDS),
    status: z.enum(CASE_STATUSES),
    eventCode: z.string().nullable(),
    channel: z.enum(CHANNELS),
    createdAt: z.string(),
    /** Which of the caller's data found the case. */
    matchedBy: z.array(z.enum(['email', 'phone'])),
  }),
);

export const districtsResponse = z.array(z.object({ id: z.string(), name: z.string() }));
