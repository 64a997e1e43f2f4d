/**
 * SLA deadlines of a case: when the first response and the resolution are due, when to warn, and
 * when to escalate. Every threshold is measured in the policy's calendar time from the start, so
 * 150% of a 480-business-minute target is 720 business minutes after the start, not 1.5 times the
 * wall-clock span. Pure: the caller passes `now` and the instants.
 *
 * The clock can be paused while the case waits for the resident. A deadline that had not yet passed
 * when the clock stopped keeps the working minutes it had left, and they count again from the resume.
 */
import type { SlaState } from '../cases/case-states';
import { addWorkingMinutes, type SlaCalendar, workingMinutesBetween } from './business-calendar';

const DEFAULT_WARN_AT_PERCENT = 75;
const DEFAULT_ESCALATION_PERCENTS: readonly number[] = [100, 150, 200];

export interface SlaPolicy {
  readonly firstResponseMinutes: number;
  readonly resolutionMinutes: number;
  readonly calendar: SlaCalendar;
  /** Share of the resolution target after which the case is at risk; default 75. */
  readonly warnAtPercent?: number;
  /** Shares of the resolution target that trigger escalation levels 1, 2, ...; default [100, 150, 200]. */
  readonly escalationPercents?: readonly number[];
}

export interface SlaEscalation {
  /** 1 for the lowest percent, counting up. */
  readonly level: number;
  readonly percent: number;
  readonly at: Date;
}

export interface SlaDeadlines {
  readonly firstResponseDueAt: Date;
  readonly resolutionDueAt: Date;
  readonly warnAt: Date;
  readonly escalations: readonly SlaEscalation[];
}

function assertMinutes(value: number, label: string): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${label} must be a finite number of minutes >= 0, got ${value}`);
  }
}

function assertPercent(value: number, label: string): void {
  if (!Number.isFinite(value) || value <= 0)
    throw new RangeError(`${label} must be a percent > 0, got ${value}`);
}

export function computeSlaDeadlines({
  policy,
  startedAt,
}: {
  policy: SlaPolicy;
  startedAt: Date;
}): SlaDeadlines {
  const { firstResponseMinutes, resolutionMinutes, calendar } = policy;
  assertMinutes(firstResponseMinutes, 'firstResponseMinutes');
  assertMinutes(resolutionMinutes, 'resolutionMinutes');
  const warnAtPercent = policy.warnAtPercent ?? DEFAULT_WARN_AT_PERCENT;
  assertPercent(warnAtPercent, 'warnAtPercent');
  const escalationPercents = policy.escalationPercents ?? DEFAULT_ESCALATION_PERCENTS;
  escalationPercents.forEach((percent) => assertPercent(percent, 'escalation percent'));

  const atPercent = (percent: number): Date =>
    addWorkingMinutes(startedAt, (resolutionMinutes * percent) / 100, calendar);
  // Levels follow the size of the percent, not the order an administrator typed them in; a
  // duplicate would be a level that can never fire on its own, so it is dropped.
  const sortedPercents = [...new Set(escalationPercents)].sort((a, b) => a - b);
  return {
    firstResponseDueAt: addWorkingMinutes(startedAt, firstResponseMinutes, calendar),
    resolutionDueAt: addWorkingMinutes(startedAt, resolutionMinutes, calendar),
    warnAt: atPercent(warnAtPercent),
    escalations: sortedPercents.map((percent, index) => ({
      level: index + 1,
      percent,
      at: atPercent(percent),
    })),
  };
}

/**
 * Working minutes left until `dueAt` when the clock stopped at `pausedAt`. Negative when the
 * deadline had already passed: by how many working minutes it was missed.
 */
export function remainingWorkingMinutes({
  dueAt,
  pausedAt,
  calendar,
}: {
  dueAt: Date;
  pausedAt: Date;
  calendar: SlaCalendar;
}): number {
  return workingMinutesBetween(pausedAt, dueAt, calendar);
}

/**
 * The due date after a pause: the working minutes left at `pausedAt` counted again from
 * `resumedAt`. A deadline that had already passed when the clock stopped stays where it was: the
 * pause does not undo a breach.
 */
export function resumeDeadline({
  dueAt,
  pausedAt,
  resumedAt,
  calendar,
}: {
  dueAt: Date;
  pausedAt: Date;
  resumedAt: Date;
  calendar: SlaCalendar;
}): Date {
  if (resumedAt.getTime() < pausedAt.getTime()) throw new RangeError('resumedAt is before pausedAt');
  if (dueAt.getTime() <= pausedAt.getTime()) return dueAt;
  return addWorkingMinutes(resumedAt, workingMinutesBetween(pausedAt, dueAt, calendar), calendar);
}

/** `resumeDeadline` applied to every instant of `deadlines`, for the workflow to re-arm its timers. */
export function resumeDeadlines({
  deadlines,
  pausedAt,
  resumedAt,
  calendar,
}: {
  deadlines: SlaDeadlines;
  pausedAt: Date;
  resumedAt: Date;
  calendar: SlaCalendar;
}): SlaDeadlines {
  const shift = (dueAt: Date): Date => resumeDeadline({ dueAt, pausedAt, resumedAt, calendar });
  return {
    firstResponseDueAt: shift(deadlines.firstResponseDueAt),
    resolutionDueAt: shift(deadlines.resolutionDueAt),
    warnAt: shift(deadlines.warnAt),
    escalations: deadlines.escalations.map((escalation) => ({ ...escalation, at: shift(escalation.at) })),
  };
}

export interface PausePeriod {
  readonly from: Date;
  readonly to: Date;
}

/**
 * When `targetMinutes` of unpaused working time have elapsed since `startedAt`, given the periods
 * the clock stood still. Recomputes from scratch what a chain of `resumeDeadline` calls gives, e.g.
 * after reading the pause history from the database. Pauses may be unsorted and may overlap; parts
 * before `startedAt` are ignored. An ongoing pause has no end yet, so no due date: leave it out and
 * show `remainingWorkingMinutes` instead.
 */
export function dueAtWithPauses({
  startedAt,
  targetMinutes,
  pauses,
  calendar,
}: {
  startedAt: Date;
  targetMinutes: number;
  pauses: readonly PausePeriod[];
  calendar: SlaCalendar;
}): Date {
  assertMinutes(targetMinutes, 'targetMinutes');
  for (const pause of pauses) {
    if (pause.to.getTime() < pause.from.getTime()) throw new RangeError('a pause ends before it starts');
  }
  const sorted = [...pauses].sort((a, b) => a.from.getTime() - b.from.getTime());
  let cursor = startedAt;
  let remaining = targetMinutes;
  for (const pause of sorted) {
    if (pause.to.getTime() <= cursor.getTime()) continue;
    const pauseFrom = pause.from.getTime() > cursor.getTime() ? pause.from : cursor;
    const dueAt = addWorkingMinutes(cursor, remaining, calendar);
    // Due before the clock stopped (a due date equal to the pause start was met in time).
    if (dueAt.getTime() <= pauseFrom.getTime()) return dueAt;
    remaining -= workingMinutesBetween(cursor, pauseFrom, calendar);
    cursor = pause.to;
  }
  return addWorkingMinutes(cursor, remaining, calendar);
}

/**
 * The state of the resolution clock at `now`. A paused clock reports PAUSED even past the due date,
 * because a paused deadline has not been reached; a breach from before the pause shows again on
 * resume, since `resumeDeadline` leaves past deadlines in place. The due instant itself is still in
 * time (AT_RISK); BREACHED starts just after it. This is the clock's state by time alone; a case's
 * own SLA state follows the thresholds its workflow saw fire (`sla-clock.ts`), and only a case done
 * with can have MET.
 */
export function slaStateAt(
  now: Date,
  deadlines: Pick<SlaDeadlines, 'warnAt' | 'resolutionDueAt'>,
  paused: boolean,
): Exclude<SlaState, 'MET'> {
  if (paused) return 'PAUSED';
  if (now.getTime() > deadlines.resolutionDueAt.getTime()) return 'BREACHED';
  if (now.getTime() >= deadlines.warnAt.getTime()) return 'AT_RISK';
  return 'ON_TRACK';
}
