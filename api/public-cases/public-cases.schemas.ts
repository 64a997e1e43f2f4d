import { z } from 'zod';
import { CASE_KINDS, CASE_STATUSES, PUBLIC_CHANNELS } from '../../domain/cases/case-states';

const trimmed = (max: number) => z.string().trim().min(1).max(max);

export const createCaseBody = z
  .object({
    kind: z
      .enum(CASE_KINDS)
      .describe('What the resident brings: a failure report, a question, a suggestion or a complaint'),
    eventCode: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]{1,63}$/, 'must be an event code such as POTHOLE')
      .optional()
      .describe('Event from the taxonomy; leave out to have the text classified'),
    description: z.string().trim().min(3, 'must have at least 3 characters').max(4000),
    district: trimmed(100).optional(),
    location: z
      .object({
        lat: z.number().min(-90).max(90).optional(),
        lon: z.number().min(-180).max(180).optional(),
        street: trimmed(200).optional(),
        building: trimmed(20).optional(),
      })
      .strict()
      .refine((l) => (l.lat === undefined) === (l.lon === undefined), {
        message: 'lat and lon go together',
        path: ['lat'],
      })
      .optional(),
    contact: z
      .object({
        name: trimmed(200).optional(),
        email: z.email().max(254).optional(),
        phone: z
          .string()
          .regex(/^\+?[0-9 ()-]{6,20}$/, 'must be a phone number')
          .optional(),
      })
      .strict()
      .optional(),
    channel: z.enum(PUBLIC_CHANNELS).default('PORTAL'),
    language: z.enum(['pl', 'en']).default('pl'),
    publicationConsent: z
      .boolean()
      .default(false)
      .describe(
        'The resident agreed that the description (without contact data) may be published with the ' +
          'report on public surfaces; ask them, unticked by default. Contact data is never published.',
      ),
  })
  .strict();

export const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(8, 'must have at least 8 characters')
    .max(200)
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')
    .optional()
    .describe('Send the same key when retrying: the same body returns the same case'),
});

export const caseNumberParams = z.object({
  number: z
    .string()
    .regex(/^\d{6,}-\d{2}$/, 'must be a case number written with a dash, such as 000123-26')
    .describe('The case number with its slash written as a dash (000123/26 -> 000123-26)'),
});

export const trackingQuery = z.object({
  token: z.string().min(16).max(64).describe('The tracking token returned when the case was created'),
});

/** Any text up to a sane length: the page itself says whether it is a link of ours (400, 404, 410). */
export const contactConfirmationQuery = z.object({
  token: z.string().min(1).max(200).describe('The token of the link in the acknowledgement mail'),
});

/** Residents name their case by its number (and token); the internal id stays in the back office. */
export const createdCaseResponse = z.object({
  number: z.string(),
  trackingToken: z.string(),
  status: z.enum(CASE_STATUSES),
  links: z.object({ self: z.string(), tracking: z.string() }),
});

const caseRating = z.object({
  score: z.number().int().min(1).max(5),
  comment: z.string().nullable(),
  ratedAt: z.string(),
});

export const trackedCaseResponse = z.object({
  number: z.string(),
  kind: z.enum(CASE_KINDS),
  status: z.enum(CASE_STATUSES),
  eventCode: z.string().nullable(),
  district: z.string().nullable(),
  unit: z.object({ code: z.string(), name: z.string(), nameEn: z.string() }).nullable(),
  eventName: z
    .object({ pl: z.string(), en: z.string() })
    .nullable()
    .describe('The event as the taxonomy names it, in both languages'),
  location: z
    .object({
      lat: z.number().nullable(),
      lon: z.number().nullable(),
      street: z.string().nullable().describe('Street and building as the resident gave them'),
      district: z.string().nullable(),
    })
    .nullable()
    .describe('Where the problem is; null when the resident gave no place'),
  createdAt: z.string(),
  resolutionDueAt: z.string().nullable(),
  awaitingResident: z.boolean().describe('The city asked the resident for information and waits for a reply'),
  infoRequest: z.string().nullable().describe('What the city asked, while it waits for the reply'),
  canReopen: z.boolean(),
  reopenUntil: z.string().nullable().describe('Until when a resolved or answered case may be reopened'),
  canRate: z
    .boolean()
    .describe('The case is resolved, answered or closed: the resident may rate how it was handled'),
  rating: caseRating.nullable(),
  history: z.array(
    z.object({
      at: z.string(),
      type: z.string(),
      status: z.string().nullable(),
      note: z.string().nullable(),
    }),
  ),
});

export const residentMessageBody = z
  .object({ message: z.string().trim().min(1, 'is required').max(4000) })
  .strict();

export const residentReopenBody = z
  .object({ reason: z.string().trim().min(3, 'must say what is still wrong').max(4000) })
  .strict();

export const caseStatusResponse = z.object({ number: z.string(), status: z.enum(CASE_STATUSES) });

export const MAX_RATING_COMMENT = 1000;

export const caseRatingBody = z
  .object({
    score: z
      .number({ error: 'must be a whole number from 1 to 5' })
      .int('must be a whole number from 1 to 5')
      .min(1, 'must be a whole number from 1 to 5')
      .max(5, 'must be a whole number from 1 to 5'),
    comment: z
      .string()
      .trim()
      .max(MAX_RATING_COMMENT, `must have at most ${MAX_RATING_COMMENT} characters`)
      .optional()
      .describe('What went well or not; an empty comment is stored as none'),
  })
  .strict();

export const caseRatingResponse = z.object({ number: z.string(), rating: caseRating });
