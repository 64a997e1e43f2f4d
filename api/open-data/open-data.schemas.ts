import { z } from 'zod';
import { supportedDay as day } from '../input-rules';
import { sealedReference } from '../public-references';

export const MAX_PAGE_SIZE = 1000;

const filters = {
  from: day.optional().describe('First day (Europe/Warsaw), inclusive; default 29 days before `to`'),
  to: day.optional().describe('Last day (Europe/Warsaw), inclusive; default today'),
  district: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe("A district's name, as in /portal/settings"),
};

export const notificationsQuery = z
  .object({
    ...filters,
    page: z.coerce.number().int().min(1).max(1_000_000).default(1),
    after: sealedReference('must be the `after` of a `next` link')
      .optional()
      .describe('Continue after this record (from `next`): cheap at any depth, unlike a page number alone'),
    pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(100),
  })
  .strict();

export const notificationsCsvQuery = z.object(filters).strict();

const status = z.object({ status: z.string(), description: z.string(), changeDate: z.number().int() });

export const notificationRecord = z.object({
  notificationNumber: z.string(),
  category: z.string(),
  subcategory: z.string().nullable(),
  event: z.string().nullable(),
  notificationType: z.enum(['INCIDENT', 'COMPLAINT']),
  city: z.string(),
  district: z.string().nullable(),
  street: z.string().nullable(),
  street2: z.null(),
  aparmentNumber: z.null(),
  xCoordWGS84: z.number().nullable(),
  yCoordWGS84: z.number().nullable(),
  createDate: z.number().int().describe('Milliseconds since the Unix epoch'),
  source: z.string(),
  deviceType: z.string().nullable(),
  statuses: z.array(status),
});

export const notificationsPage = z.object({
  items: z.array(notificationRecord),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int().describe('Records matching the filters'),
  next: z.string().nullable().describe('URL of the next page; null on the last one'),
});
