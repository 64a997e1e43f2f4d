import { ApplicationFailure } from '@temporalio/activity';
import type { Orm } from '../../db/orm';
import { SlaPolicy } from '../../db/entities';
import type { Priority } from '../../domain/cases/case-states';
import { ALWAYS_CALENDAR, type SlaCalendar, toWarsawWallClock } from '../../domain/sla/business-calendar';
import {
  businessCalendarFrom,
  type CalendarDay,
  type WeekdayHours,
} from '../../domain/sla/calendar-configuration';
import { computeSlaDeadlines, resumeDeadline, type SlaDeadlines } from '../../domain/sla/sla-deadlines';
import type { SlaClock } from '../../workflows/case.messages';

/**
 * The calendar administrators configured, as it is now. Exceptions dated before `fromInstant`'s
 * local date cannot affect a deadline counted from it, so only later ones are read. Times are read
 * as text because `24:00:00` is a valid closing time and must stay `24:00`.
 */
async function loadBusinessCalendar(orm: Orm, fromInstant: Date): Promise<SlaCalendar> {
  const connection = orm.em.fork().getConnection();
  const weekdayHours = await connection.execute<WeekdayHours[]>(
    `select weekday, left(opens::text, 5) as opens, left(closes::text, 5) as closes
     from business_hours order by weekday`,
  );
  const days = await connection.execute<CalendarDay[]>(
    `select to_char(date, 'YYYY-MM-DD') as date, kind,
            left(opens::text, 5) as opens, left(closes::text, 5) as closes
     from calendar_days where date >= ?::date order by date`,
    [toWarsawWallClock(fromInstant).date],
  );
  return businessCalendarFrom({ weekdayHours, days });
}

async function calendarOf(orm: Orm, kind: string, fromInstant: Date): Promise<SlaCalendar> {
  return kind === 'ALWAYS' ? ALWAYS_CALENDAR : loadBusinessCalendar(orm, fromInstant);
}

function toClock(
  policy: { id: number; calendar: string },
  startedAt: Date,
  deadlines: SlaDeadlines,
  warnPercent: number,
): SlaClock {
  return {
    policyId: policy.id,
    calendar: policy.calendar === 'ALWAYS' ? 'ALWAYS' : 'BUSINESS',
    startedAt: startedAt.toISOString(),
    firstResponseDueAt: deadlines.firstResponseDueAt.toISOString(),
    resolutionDueAt: deadlines.resolutionDueAt.toISOString(),
    thresholds: [
      { kind: 'WARN' as const, level: 0, percent: warnPercent, at: deadlines.warnAt.toISOString() },
      ...deadlines.escalations.map((e) => ({
        kind: 'ESCALATE' as const,
        level: e.level,
        percent: e.percent,
        at: e.at.toISOString(),
      })),
    ].sort((a, b) => a.at.localeCompare(b.at)),
    firstResponseMet: false,
    pausedAt: null,
  };
}

export function createCaseSlaActivities({ orm }: { orm: Orm }) {
  return {
    /**
     * Due times of a case routed now, from the policy and the business calendar in force now: the
     * event's own policy, or the default for the case's priority. The workflow stores them and waits
     * on timers, so a later change of the calendar moves only clocks started or resumed after it.
     */
    async startSlaClock(input: {
      eventCode: string | null;
      priority: Priority;
      startedAt: string;
    }): Promise<SlaClock> {
      const em = orm.em.fork();
      const policy =
        (input.eventCode
          ? await em.findOne(SlaPolicy, { eventCode: input.eventCode, active: true })
          : null) ??
        (await em.findOne(SlaPolicy, { eventCode: null, priority: input.priority, active: true })) ??
        (await em.findOne(SlaPolicy, { eventCode: null, priority: 'normal', active: true }));
      if (!policy) {
        throw ApplicationFailure.nonRetryable(
          'no active SLA policy for the case and no default policy',
          'NO_SLA_POLICY',
        );
      }
      const startedAt = new Date(input.startedAt);
      const deadlines = computeSlaDeadlines({
        policy: {
          firstResponseMinutes: Number(policy.firstResponseMinutes),
          resolutionMinutes: Number(policy.resolutionMinutes),
          calendar: await calendarOf(orm, policy.calendar, startedAt),
          warnAtPercent: policy.warnAtPercent,
          escalationPercents: policy.escalationPercents,
        },
        startedAt,
      });
      return toClock(policy, startedAt, deadlines, policy.warnAtPercent);
    },

    /**
     * After a pause (waiting for the resident) the clock gets back the working time that was left
     * when it stopped: every threshold still ahead moves by the paused working time.
     */
    async resumeSlaClock(input: { clock: SlaClock; resumedAt: string }): Promise<SlaClock> {
      const { clock } = input;
      if (!clock.pausedAt) return clock;
      const pausedAt = new Date(clock.pausedAt);
      const calendar = await calendarOf(orm, clock.calendar, pausedAt);
      const resumedAt = new Date(input.resumedAt);
      const shift = (at: string) =>
        resumeDeadline({ dueAt: new Date(at), pausedAt, resumedAt, calendar }).toISOString();
      return {
        ...clock,
        firstResponseDueAt: shift(clock.firstResponseDueAt),
        resolutionDueAt: shift(clock.resolutionDueAt),
        thresholds: clock.thresholds.map((t) => ({ ...t, at: shift(t.at) })),
        pausedAt: null,
      };
    },
  };
}
