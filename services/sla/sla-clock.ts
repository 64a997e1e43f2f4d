import type { Orm } from '../../db/orm';
import { SlaPolicy } from '../../db/entities';
import type { Priority } from '../../domain/cases/case-states';
import { computeSlaDeadlines, resumeDeadline, type SlaDeadlines } from '../../domain/sla/sla-deadlines';
import type { SlaClock } from '../../workflows/case.messages';
import { PermanentFailure } from '../permanent-failure';
import { calendarOf } from './business-calendar-store';

export interface StartSlaClockInput {
  eventCode: string | null;
  priority: Priority;
  startedAt: string;
}

export interface ResumeSlaClockInput {
  clock: SlaClock;
  resumedAt: string;
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

/**
 * Due times of a case routed now, from the policy and the business calendar in force now: the
 * event's own policy, or the default for the case's priority. The workflow stores them and waits
 * on timers, so a later change of the calendar moves only clocks started or resumed after it.
 */
export async function startSlaClock(orm: Orm, input: StartSlaClockInput): Promise<SlaClock> {
  const em = orm.em.fork();
  const policy =
    (input.eventCode ? await em.findOne(SlaPolicy, { eventCode: input.eventCode, active: true }) : null) ??
    (await em.findOne(SlaPolicy, { eventCode: null, priority: input.priority, active: true })) ??
    (await em.findOne(SlaPolicy, { eventCode: null, priority: 'normal', active: true }));
  if (!policy) {
    throw new PermanentFailure('no active SLA policy for the case and no default policy', 'NO_SLA_POLICY');
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
}

/**
 * After a pause (waiting for the resident) the clock gets back the working time that was left
 * when it stopped: every threshold still ahead moves by the paused working time.
 */
export async function resumeSlaClock(orm: Orm, input: ResumeSlaClockInput): Promise<SlaClock> {
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
}
