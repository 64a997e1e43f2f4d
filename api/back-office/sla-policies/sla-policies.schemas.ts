import { z } from 'zod';
import { PRIORITIES } from '../../../domain/cases/case-states';
import { databaseIdText } from '../../input-rules';
import { listQuerySchema } from '../list-query';

export const SLA_CALENDARS = ['BUSINESS', 'ALWAYS'] as const;

// A year of minutes: no target a city sets is longer; fractions allow drills of seconds.
const minutes = z.number().positive('must be more than 0').max(525_600, 'must be at most a year (525600)');

export const slaPolicyRecord = z.object({
  id: z.number().int(),
  name: z.string(),
  eventCode: z.string().nullable(),
  priority: z.enum(PRIORITIES).nullable(),
  firstResponseMinutes: z.number(),
  resolutionMinutes: z.number(),
  calendar: z.enum(SLA_CALENDARS),
  warnAtPercent: z.number().int(),
  escalationPercents: z.array(z.number()),
  active: z.boolean(),
});

export const slaPolicyListQuery = listQuerySchema(
  ['id', 'name', 'eventCode', 'priority', 'resolutionMinutes', 'calendar', 'active'] as const,
  {
    id: z.array(databaseIdText).max(500).optional(),
    eventCode: z.string().max(64).optional(),
    priority: z.enum(PRIORITIES).optional(),
    calendar: z.enum(SLA_CALENDARS).optional(),
    active: z.boolean().optional(),
    /** Only defaults by priority (true) or only policies of an event (false). */
    isDefault: z.boolean().optional(),
    q: z.string().trim().max(100).optional(),
  },
);

const emptyToNull = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? null : value), schema.nullable());

const policyFields = {
  name: z.string().trim().min(1, 'is required').max(255),
  /** The event this policy times; null for the default of a priority. */
  eventCode: emptyToNull(z.string().trim().max(64)),
  /** The priority this default applies to; null for a policy of one event. */
  priority: emptyToNull(z.enum(PRIORITIES)),
  firstResponseMinutes: minutes,
  resolutionMinutes: minutes,
  calendar: z.enum(SLA_CALENDARS),
  warnAtPercent: z.number().int('must be a whole percent').min(1).max(99),
  escalationPercents: z
    .array(
      z
        .number()
        .int('must be whole percents')
        .min(100, 'each level is at least 100 (the deadline)')
        .max(1000),
    )
    .min(1, 'at least one escalation level')
    .max(5, 'at most 5 levels')
    .refine((levels) => levels.every((level, i) => i === 0 || level > levels[i - 1]!), 'must be ascending'),
  active: z.boolean(),
};

export const createSlaPolicyBody = z
  .object({
    ...policyFields,
    eventCode: policyFields.eventCode.default(null),
    priority: policyFields.priority.default(null),
    calendar: policyFields.calendar.default('BUSINESS'),
    warnAtPercent: policyFields.warnAtPercent.default(75),
    escalationPercents: policyFields.escalationPercents.default([100, 150, 200]),
    active: policyFields.active.default(true),
  })
  .strict();

/** react-admin sends the whole record back: the id is ignored, fields left out keep their values. */
export const updateSlaPolicyBody = z.object(policyFields).partial();

export const policyIdParams = z.object({ id: databaseIdText });
