import { z } from 'zod';
import { databaseIdText, supportedDay } from '../../input-rules';
import { CALENDAR_DAY_KINDS } from '../../../domain/sla/calendar-configuration';
import { listQuerySchema } from '../list-query';

/** Warsaw wall-clock time; 24:00 closes at midnight. */
const time = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be a time as HH:MM from 00:00 to 24:00');

const isoDate = supportedDay;

const emptyToNull = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' || value === undefined ? null : value), schema.nullable());

/** Opening and closing times of one day: both, or neither when closed; closing after opening. */
function checkTimes(
  value: { opens: string | null; closes: string | null },
  ctx: z.RefinementCtx,
  closedAllowed: boolean,
): void {
  if (value.opens === null && value.closes === null) {
    if (!closedAllowed)
      ctx.addIssue({ code: 'custom', path: ['opens'], message: 'an OPEN day needs its hours' });
    return;
  }
  if (value.opens === null)
    ctx.addIssue({ code: 'custom', path: ['opens'], message: 'is required with closes' });
  else if (value.closes === null)
    ctx.addIssue({ code: 'custom', path: ['closes'], message: 'is required with opens' });
  else if (value.closes <= value.opens)
    ctx.addIssue({ code: 'custom', path: ['closes'], message: 'must be after the opening time' });
}

export const weekdayHoursRecord = z.object({
  /** ISO weekday: 1 = Monday ... 7 = Sunday. */
  weekday: z.number().int(),
  opens: z.string().nullable(),
  closes: z.string().nullable(),
});

export const businessHoursRecord = z.object({ hours: z.array(weekdayHoursRecord) });

export const businessHoursBody = z
  .object({
    hours: z
      .array(
        z
          .object({
            weekday: z.number().int().min(1, 'must be 1 (Monday) to 7 (Sunday)').max(7, 'must be 1 to 7'),
            opens: emptyToNull(time),
            closes: emptyToNull(time),
          })
          .superRefine((value, ctx) => checkTimes(value, ctx, true)),
      )
      .length(7, 'must list all seven weekdays'),
  })
  .superRefine((value, ctx) => {
    const seen = new Set<number>();
    value.hours.forEach((row, index) => {
      if (seen.has(row.weekday)) {
        ctx.addIssue({ code: 'custom', path: ['hours', index, 'weekday'], message: 'is listed twice' });
      }
      seen.add(row.weekday);
    });
    // With no opening at all, no business-time deadline could ever fall due.
    if (value.hours.every((row) => row.opens === null)) {
      ctx.addIssue({
        code: 'custom',
        path: ['hours'],
        message: 'the office must open on at least one weekday',
      });
    }
  });

export const calendarDayRecord = z.object({
  id: z.number().int(),
  date: z.string(),
  kind: z.enum(CALENDAR_DAY_KINDS),
  name: z.string(),
  opens: z.string().nullable(),
  closes: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const calendarDayFields = z.object({
  date: isoDate,
  kind: z.enum(CALENDAR_DAY_KINDS),
  name: z.string().trim().min(1, 'is required').max(200),
  opens: emptyToNull(time),
  closes: emptyToNull(time),
});

/** react-admin sends the whole record back on edit: id and timestamps are ignored. */
export const calendarDayBody = calendarDayFields.superRefine((value, ctx) => {
  if (value.kind === 'CLOSED') {
    if (value.opens !== null || value.closes !== null) {
      ctx.addIssue({
        code: 'custom',
        path: [value.opens !== null ? 'opens' : 'closes'],
        message: 'a CLOSED day has no hours',
      });
    }
    return;
  }
  checkTimes(value, ctx, false);
});

export const calendarDayListQuery = listQuerySchema(['date', 'name', 'kind'] as const, {
  id: z.array(databaseIdText).max(500).optional(),
  year: z.number().int().min(1583).max(9999).optional(),
  kind: z.enum(CALENDAR_DAY_KINDS).optional(),
  q: z.string().trim().max(100).optional(),
});

export const calendarDayIdParams = z.object({ id: databaseIdText });

export const holidaysQuery = z.object({
  year: z.coerce
    .number()
    .int('must be a whole year')
    .min(1583, 'must be 1583 or later (the Gregorian calendar)')
    .max(9999, 'must be 9999 or earlier'),
});

export const holidayRecord = z.object({
  date: z.string(),
  /** ISO weekday of the date: 1 = Monday ... 7 = Sunday. */
  weekday: z.number().int(),
  name: z.string(),
  nameEn: z.string(),
});
