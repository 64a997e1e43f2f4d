import { z } from 'zod';
import {
  ANNOUNCEMENT_KINDS,
  ANNOUNCEMENT_STATES,
  VALIDITY_PROBLEM,
} from '../../../domain/announcements/announcements';
import { supportedDateTime } from '../../input-rules';
import { listQuerySchema } from '../list-query';

export const announcementRecord = z.object({
  id: z.uuid(),
  kind: z.enum(ANNOUNCEMENT_KINDS),
  title: z.object({ pl: z.string(), en: z.string() }),
  body: z.object({ pl: z.string(), en: z.string() }),
  districts: z.array(z.string()),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  published: z.boolean(),
  state: z.enum(ANNOUNCEMENT_STATES),
  createdBy: z.string(),
  updatedBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const text = (max: number) => z.string().trim().min(1, 'is required').max(max);

/** Date-time inputs send ISO instants; an empty one clears an optional date. */
const instant = supportedDateTime('must be an ISO 8601 date-time').transform((value) => new Date(value));

const announcementFields = {
  kind: z.enum(ANNOUNCEMENT_KINDS),
  title: z.object({ pl: text(200), en: text(200) }),
  body: z.object({ pl: text(4000), en: text(4000) }),
  /** District names; none for the whole city. Checked against the districts table by the service. */
  districts: z
    .array(z.string().trim().min(1, 'must not be empty').max(100))
    .max(100)
    .transform((names) => [...new Set(names)]),
  validFrom: instant,
  validTo: z.preprocess((value) => (value === '' ? null : value), instant.nullable()),
  published: z.boolean(),
};

export const createAnnouncementBody = z
  .object({
    ...announcementFields,
    districts: announcementFields.districts.default([]),
    validTo: announcementFields.validTo.default(null),
    published: announcementFields.published.default(false),
  })
  .strict()
  .refine((body) => body.validTo === null || body.validTo > body.validFrom, {
    path: [VALIDITY_PROBLEM.field],
    message: VALIDITY_PROBLEM.message,
  });

/** react-admin sends the whole record back: id, state and the timestamps are ignored. */
export const updateAnnouncementBody = z.object(announcementFields).partial();

export const announcementListQuery = listQuerySchema(
  ['validFrom', 'validTo', 'kind', 'updatedAt', 'createdAt'] as const,
  {
    id: z.array(z.uuid()).max(500).optional(),
    kind: z.enum(ANNOUNCEMENT_KINDS).optional(),
    state: z.enum(ANNOUNCEMENT_STATES).optional(),
    district: z.string().trim().max(100).optional(),
    q: z.string().trim().max(100).optional(),
  },
);

export const announcementIdParams = z.object({ id: z.uuid() });
