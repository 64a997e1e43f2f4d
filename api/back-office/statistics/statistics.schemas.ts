import { z } from 'zod';
import { supportedDay } from '../../input-rules';
import { LANGUAGES } from '../../../domain/cases/case-names';
import { CASE_KINDS, CASE_STATUSES, CHANNELS, SLA_STATES } from '../../../domain/cases/case-states';
import { BUCKETS, VOLUME_DIMENSIONS } from '../../../domain/statistics/statistics-periods';

const unitCode = z.string().trim().min(1).max(64).optional().describe('Only cases now with this unit');
const day = supportedDay.describe('YYYY-MM-DD, a day in Europe/Warsaw');
const lang = z
  .enum(LANGUAGES)
  .default('pl')
  .describe(
    'Language of the column names and of the names written instead of codes (statuses, kinds, channels, units, events)',
  );

export const overviewQuery = z.object({ unitCode });

export const periodQuery = z.object({
  unitCode,
  from: day.optional().describe('First day, inclusive (default: 29 days before `to`)'),
  to: day.optional().describe('Last day, inclusive (default: today)'),
});

export const volumeQuery = periodQuery.extend({
  dimension: z.enum(VOLUME_DIMENSIONS),
  bucket: z.enum(BUCKETS).default('day'),
});

export const contactsPerYearQuery = z.object({
  unitCode,
  fromYear: z.coerce.number().int().min(2000).max(2100).optional().describe('Default: four years ago'),
  toYear: z.coerce.number().int().min(2000).max(2100).optional().describe('Default: this year'),
});

export const csvQuery = { lang };

const caseSummary = z.object({
  id: z.uuid(),
  number: z.string(),
  kind: z.enum(CASE_KINDS),
  status: z.enum(CASE_STATUSES),
  eventCode: z.string().nullable(),
  unitCode: z.string().nullable(),
  district: z.string().nullable(),
  slaState: z.enum(SLA_STATES).nullable(),
  escalationLevel: z.number().int(),
  resolutionDueAt: z.string().nullable(),
});
export type CaseSummary = z.infer<typeof caseSummary>;

const todayAndWeek = z.object({
  today: z.number().int(),
  thisWeek: z.number().int().describe('Since Monday 00:00 in Europe/Warsaw'),
});

export const overviewResponse = z.object({
  generatedAt: z.string(),
  timeZone: z.string(),
  unitCode: z.string().nullable(),
  open: z.object({
    total: z.number().int(),
    bySlaState: z.object({
      ON_TRACK: z.number().int(),
      AT_RISK: z.number().int(),
      BREACHED: z.number().int(),
      PAUSED: z.number().int(),
      NONE: z.number().int().describe('Open cases without an SLA clock (triage, questions)'),
    }),
  }),
  breaches: todayAndWeek.describe('SLA_BREACHED events: a case passed its resolution deadline'),
  escalations: todayAndWeek.describe('SLA_ESCALATED events: a breached case escalated further (150%, 200%)'),
  waitingForWorkflow: z
    .object({
      cases: z.number().int(),
      oldestAcceptedAt: z.string().nullable().describe('When the oldest waiting case was accepted'),
    })
    .describe(
      'Cases accepted but not yet taken up by a workflow (a backlog of the workers, or Temporal away); city-wide, 0 for one unit',
    ),
  atRisk: z.array(caseSummary).describe('Open AT_RISK cases, nearest resolution deadline first (10)'),
  breached: z.array(caseSummary).describe('Open BREACHED cases, longest overdue first (10)'),
});
export type Overview = z.infer<typeof overviewResponse>;

export const onTimeResponse = z.object({
  from: z.string(),
  to: z.string(),
  unitCode: z.string().nullable(),
  units: z.array(
    z.object({
      unitCode: z.string().nullable(),
      unitName: z.string().nullable(),
      resolved: z.number().int(),
      onTime: z.number().int(),
      late: z.number().int(),
      onTimeRate: z.number().nullable().describe('onTime / resolved, null without resolved cases'),
    }),
  ),
  total: z.object({
    resolved: z.number().int(),
    onTime: z.number().int(),
    late: z.number().int(),
    onTimeRate: z.number().nullable(),
  }),
});
export type OnTime = z.infer<typeof onTimeResponse>;

export const volumeResponse = z.object({
  from: z.string(),
  to: z.string(),
  bucket: z.enum(BUCKETS),
  dimension: z.enum(VOLUME_DIMENSIONS),
  unitCode: z.string().nullable(),
  periods: z.array(z.string()).describe('First day of every bucket in the period, zeros included'),
  keys: z
    .array(z.string().nullable())
    .describe(
      "Values of the dimension, largest total first. City-wide, office bookings count as cases of kind BOOKING in every dimension: their own channel and status, their office's district, no event and no unit",
    ),
  rows: z.array(z.object({ period: z.string(), key: z.string().nullable(), count: z.number().int() })),
  totals: z.array(z.object({ key: z.string().nullable(), count: z.number().int(), share: z.number() })),
  total: z.number().int(),
});
export type Volumes = z.infer<typeof volumeResponse>;

export const contactsPerYearResponse = z.object({
  fromYear: z.number().int(),
  toYear: z.number().int(),
  unitCode: z.string().nullable(),
  channels: z.array(z.enum(CHANNELS)),
  years: z.array(
    z.object({
      year: z.number().int(),
      total: z.number().int(),
      byChannel: z.array(z.object({ channel: z.enum(CHANNELS), count: z.number().int(), share: z.number() })),
    }),
  ),
});
export type ContactsPerYear = z.infer<typeof contactsPerYearResponse>;

const ratingFigures = z.object({
  count: z.number().int(),
  average: z.number().nullable().describe('Mean score 1–5, null without ratings'),
  distribution: z
    .array(z.object({ score: z.number().int(), count: z.number().int() }))
    .describe('How many ratings gave each score, 1 to 5, zeros included'),
});
export type RatingFigures = z.infer<typeof ratingFigures>;

export const ratingsResponse = z.object({
  from: z.string(),
  to: z.string(),
  unitCode: z.string().nullable(),
  total: ratingFigures,
  units: z
    .array(ratingFigures.extend({ unitCode: z.string().nullable(), unitName: z.string().nullable() }))
    .describe('Per unit that had the case when the resident rated it'),
  events: z
    .array(ratingFigures.extend({ eventCode: z.string().nullable() }))
    .describe('Per event of the case when rated, most rated first'),
});
export type Ratings = z.infer<typeof ratingsResponse>;

export const csvResponse = z
  .string()
  .describe(
    "CSV for Excel in Polish: UTF-8 with a byte order mark, ';' between fields, decimal commas, CRLF, times in Europe/Warsaw",
  );
