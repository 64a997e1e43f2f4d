import { ALWAYS_CALENDAR, defaultBusinessCalendar } from '../../../domain/sla/business-calendar';
import {
  computeSlaDeadlines,
  dueAtWithPauses,
  remainingWorkingMinutes,
  resumeDeadline,
  resumeDeadlines,
  type SlaPolicy,
  slaStateAt,
} from '../../../domain/sla/sla-deadlines';

// Expected values are UTC instants; comments give the Warsaw wall clock (January: CET, UTC+1).
const at = (iso: string): Date => new Date(iso);
const office = defaultBusinessCalendar();
const officePolicy: SlaPolicy = { firstResponseMinutes: 60, resolutionMinutes: 480, calendar: office };
// Mon 12 Jan 2026 10:00.
const mondayTen = at('2026-01-12T09:00:00Z');

describe('computeSlaDeadlines', () => {
  it('measures all thresholds in business time', () => {
    expect(computeSlaDeadlines({ policy: officePolicy, startedAt: mondayTen })).toEqual({
      firstResponseDueAt: at('2026-01-12T10:00:00Z'), // Mon 11:00
      resolutionDueAt: at('2026-01-13T09:00:00Z'), // 360 on Monday + 120 -> Tue 10:00
      warnAt: at('2026-01-12T15:00:00Z'), // 75% = 360 -> Mon 16:00, the closing time
      escalations: [
        { level: 1, percent: 100, at: at('2026-01-13T09:00:00Z') }, // Tue 10:00
        { level: 2, percent: 150, at: at('2026-01-13T13:00:00Z') }, // 720 = 360 + 360 -> Tue 14:00
        { level: 3, percent: 200, at: at('2026-01-14T09:00:00Z') }, // 960 = 360 + 480 + 120 -> Wed 10:00
      ],
    });
  });

  it('counts around the clock for ALWAYS policies, in real minutes across DST', () => {
    const policy: SlaPolicy = {
      firstResponseMinutes: 240,
      resolutionMinutes: 1440,
      calendar: ALWAYS_CALENDAR,
    };
    // Sat 28 Mar 2026 12:00 CET; the clocks go forward that night.
    const deadlines = computeSlaDeadlines({ policy, startedAt: at('2026-03-28T11:00:00Z') });
    expect(deadlines.firstResponseDueAt).toEqual(at('2026-03-28T15:00:00Z'));
    expect(deadlines.resolutionDueAt).toEqual(at('2026-03-29T11:00:00Z')); // 13:00 CEST
    expect(deadlines.warnAt).toEqual(at('2026-03-29T05:00:00Z')); // 18 h
    expect(deadlines.escalations.map((escalation) => escalation.at)).toEqual([
      at('2026-03-29T11:00:00Z'),
      at('2026-03-29T23:00:00Z'), // 36 h
      at('2026-03-30T11:00:00Z'), // 48 h
    ]);
  });

  it('crosses Christmas 2025', () => {
    // Tue 23 Dec 2025 14:00 + 480: 120 on Tuesday, 24-26 Dec off, 360 on Mon 29 Dec -> 14:00.
    const deadlines = computeSlaDeadlines({ policy: officePolicy, startedAt: at('2025-12-23T13:00:00Z') });
    expect(deadlines.firstResponseDueAt).toEqual(at('2025-12-23T14:00:00Z')); // Tue 15:00
    expect(deadlines.warnAt).toEqual(at('2025-12-29T11:00:00Z')); // 360 = 120 + 240 -> Mon 12:00
    expect(deadlines.resolutionDueAt).toEqual(at('2025-12-29T13:00:00Z'));
  });

  it('starts the clock at the next opening for a case filed on a holiday', () => {
    // Filed on Easter Monday 2026 at 20:00 CEST; the clock starts Tue 7 Apr 08:00 CEST = 06:00Z.
    const deadlines = computeSlaDeadlines({ policy: officePolicy, startedAt: at('2026-04-06T18:00:00Z') });
    expect(deadlines.firstResponseDueAt).toEqual(at('2026-04-07T07:00:00Z'));
    expect(deadlines.resolutionDueAt).toEqual(at('2026-04-07T14:00:00Z'));
  });

  it('handles a target of several weeks', () => {
    // 10 working days from Mon 15 Dec 2025 08:00: 15-19, 22-23, (24-26 off), 29-31 -> Wed 31 Dec 16:00.
    const policy: SlaPolicy = { firstResponseMinutes: 480, resolutionMinutes: 4800, calendar: office };
    const deadlines = computeSlaDeadlines({ policy, startedAt: at('2025-12-15T07:00:00Z') });
    expect(deadlines.resolutionDueAt).toEqual(at('2025-12-31T15:00:00Z'));
    expect(deadlines.firstResponseDueAt).toEqual(at('2025-12-15T15:00:00Z'));
    // 150% = 15 working days: 2 Jan (11), 5 Jan (12), 6 Jan off, 7-9 Jan (15) -> Fri 9 Jan 16:00.
    expect(deadlines.escalations[1]).toEqual({ level: 2, percent: 150, at: at('2026-01-09T15:00:00Z') });
  });

  it('uses custom warn and escalation percents, levels in ascending order', () => {
    const policy: SlaPolicy = { ...officePolicy, warnAtPercent: 50, escalationPercents: [200, 100] };
    const deadlines = computeSlaDeadlines({ policy, startedAt: mondayTen });
    expect(deadlines.warnAt).toEqual(at('2026-01-12T13:00:00Z')); // 240 -> Mon 14:00
    expect(deadlines.escalations).toEqual([
      { level: 1, percent: 100, at: at('2026-01-13T09:00:00Z') },
      { level: 2, percent: 200, at: at('2026-01-14T09:00:00Z') },
    ]);
  });

  it('accepts zero-minute targets: due at once, or at the next opening', () => {
    const policy: SlaPolicy = { firstResponseMinutes: 0, resolutionMinutes: 0, calendar: office };
    expect(computeSlaDeadlines({ policy, startedAt: mondayTen }).resolutionDueAt).toEqual(mondayTen);
    // Sat 17 Jan -> Mon 19 Jan 08:00.
    const weekend = computeSlaDeadlines({ policy, startedAt: at('2026-01-17T10:00:00Z') });
    expect(weekend.firstResponseDueAt).toEqual(at('2026-01-19T07:00:00Z'));
    expect(
      weekend.escalations.every((escalation) => escalation.at.getTime() === weekend.warnAt.getTime()),
    ).toBe(true);
  });

  it('rejects bad policies', () => {
    const compute = (policy: SlaPolicy) => () => computeSlaDeadlines({ policy, startedAt: mondayTen });
    expect(compute({ ...officePolicy, resolutionMinutes: -5 })).toThrow(RangeError);
    expect(compute({ ...officePolicy, firstResponseMinutes: Number.POSITIVE_INFINITY })).toThrow(RangeError);
    expect(compute({ ...officePolicy, warnAtPercent: 0 })).toThrow(RangeError);
    expect(compute({ ...officePolicy, escalationPercents: [100, -50] })).toThrow(RangeError);
  });
});

describe('pausing the clock', () => {
  // Resolution due Tue 13 Jan 10:00 (see above); paused Mon 12 Jan 14:00 with 120 + 120 minutes left.
  const dueAt = at('2026-01-13T09:00:00Z');
  const pausedAt = at('2026-01-12T13:00:00Z');

  it('tells the working minutes left at pause time', () => {
    expect(remainingWorkingMinutes({ dueAt, pausedAt, calendar: office })).toBe(240);
    // Paused Tue 12:00, two hours after the due date.
    expect(remainingWorkingMinutes({ dueAt, pausedAt: at('2026-01-13T11:00:00Z'), calendar: office })).toBe(
      -120,
    );
  });

  it('counts the remaining minutes again from the resume', () => {
    // Resumed Thu 15 Jan 11:00 + 240 -> 15:00.
    expect(
      resumeDeadline({ dueAt, pausedAt, resumedAt: at('2026-01-15T10:00:00Z'), calendar: office }),
    ).toEqual(at('2026-01-15T14:00:00Z'));
    // Resumed Fri 16 Jan 15:00: 60 on Friday, 180 on Monday -> Mon 19 Jan 11:00.
    expect(
      resumeDeadline({ dueAt, pausedAt, resumedAt: at('2026-01-16T14:00:00Z'), calendar: office }),
    ).toEqual(at('2026-01-19T10:00:00Z'));
  });

  it('does not move the due date for a pause outside office hours', () => {
    // Paused Mon 18:00, resumed Tue 07:00: no working time lost.
    expect(
      resumeDeadline({
        dueAt,
        pausedAt: at('2026-01-12T17:00:00Z'),
        resumedAt: at('2026-01-13T06:00:00Z'),
        calendar: office,
      }),
    ).toEqual(dueAt);
  });

  it('does not undo a breach that happened before the pause', () => {
    expect(
      resumeDeadline({
        dueAt,
        pausedAt: at('2026-01-13T11:00:00Z'),
        resumedAt: at('2026-01-20T11:00:00Z'),
        calendar: office,
      }),
    ).toEqual(dueAt);
  });

  it('shifts an ALWAYS deadline by the wall time paused', () => {
    expect(
      resumeDeadline({
        dueAt: at('2026-03-29T11:00:00Z'),
        pausedAt: at('2026-03-28T20:00:00Z'),
        resumedAt: at('2026-03-29T02:00:00Z'),
        calendar: ALWAYS_CALENDAR,
      }),
    ).toEqual(at('2026-03-29T17:00:00Z'));
  });

  it('re-arms every deadline not yet reached at pause time', () => {
    const deadlines = computeSlaDeadlines({ policy: officePolicy, startedAt: mondayTen });
    // Paused Mon 14:00, resumed Wed 14 Jan 08:00: Monday 14-16 and all of Tuesday (600 minutes) are lost.
    const resumed = resumeDeadlines({
      deadlines,
      pausedAt,
      resumedAt: at('2026-01-14T07:00:00Z'),
      calendar: office,
    });
    expect(resumed).toEqual({
      firstResponseDueAt: at('2026-01-12T10:00:00Z'), // passed before the pause: unchanged
      warnAt: at('2026-01-14T09:00:00Z'), // 120 left -> Wed 10:00
      resolutionDueAt: at('2026-01-14T11:00:00Z'), // 240 left -> Wed 12:00
      escalations: [
        { level: 1, percent: 100, at: at('2026-01-14T11:00:00Z') },
        { level: 2, percent: 150, at: at('2026-01-14T15:00:00Z') }, // 120 + 360 left -> Wed 16:00
        { level: 3, percent: 200, at: at('2026-01-15T11:00:00Z') }, // 720 left -> Thu 12:00
      ],
    });
  });

  it('rejects a resume before the pause', () => {
    expect(() =>
      resumeDeadline({ dueAt, pausedAt, resumedAt: at('2026-01-12T12:00:00Z'), calendar: office }),
    ).toThrow(RangeError);
  });
});

describe('dueAtWithPauses', () => {
  const base = { startedAt: mondayTen, targetMinutes: 480, calendar: office };

  it('equals the plain due date without pauses', () => {
    expect(dueAtWithPauses({ ...base, pauses: [] })).toEqual(at('2026-01-13T09:00:00Z'));
  });

  it('adds back the working time of each pause', () => {
    // Paused Mon 12:00-14:00: 120 + 120 on Monday, 240 on Tuesday -> Tue 12:00.
    const lunch = { from: at('2026-01-12T11:00:00Z'), to: at('2026-01-12T13:00:00Z') };
    expect(dueAtWithPauses({ ...base, pauses: [lunch] })).toEqual(at('2026-01-13T11:00:00Z'));
    // And Tue 09:00-10:00: Tuesday 08-09 (60) and 10-13 (180) -> Tue 13:00. Given out of order.
    const morning = { from: at('2026-01-13T08:00:00Z'), to: at('2026-01-13T09:00:00Z') };
    expect(dueAtWithPauses({ ...base, pauses: [morning, lunch] })).toEqual(at('2026-01-13T12:00:00Z'));
  });

  it('merges overlapping pauses and ignores pauses after the due date or before the start', () => {
    const pauses = [
      { from: at('2026-01-12T11:00:00Z'), to: at('2026-01-12T12:00:00Z') },
      { from: at('2026-01-12T11:30:00Z'), to: at('2026-01-12T13:00:00Z') },
      { from: at('2026-01-09T08:00:00Z'), to: at('2026-01-09T10:00:00Z') },
      { from: at('2026-01-20T08:00:00Z'), to: at('2026-01-21T08:00:00Z') },
    ];
    expect(dueAtWithPauses({ ...base, pauses })).toEqual(at('2026-01-13T11:00:00Z'));
  });

  it('agrees with resumeDeadline', () => {
    // Paused Mon 12 Jan 14:00 to Fri 16 Jan 15:00 (see "pausing the clock").
    const pause = { from: at('2026-01-12T13:00:00Z'), to: at('2026-01-16T14:00:00Z') };
    const viaResume = resumeDeadline({
      dueAt: at('2026-01-13T09:00:00Z'),
      pausedAt: pause.from,
      resumedAt: pause.to,
      calendar: office,
    });
    expect(dueAtWithPauses({ ...base, pauses: [pause] })).toEqual(viaResume);
    expect(viaResume).toEqual(at('2026-01-19T10:00:00Z'));
  });

  it('rejects a pause that ends before it starts', () => {
    const pauses = [{ from: at('2026-01-12T13:00:00Z'), to: at('2026-01-12T11:00:00Z') }];
    expect(() => dueAtWithPauses({ ...base, pauses })).toThrow(RangeError);
  });
});

describe('slaStateAt', () => {
  const deadlines = { warnAt: at('2026-01-12T15:00:00Z'), resolutionDueAt: at('2026-01-13T09:00:00Z') };

  it.each([
    ['2026-01-12T09:00:00Z', 'ON_TRACK'],
    ['2026-01-12T14:59:59.999Z', 'ON_TRACK'],
    ['2026-01-12T15:00:00Z', 'AT_RISK'],
    ['2026-01-13T09:00:00Z', 'AT_RISK'],
    ['2026-01-13T09:00:00.001Z', 'BREACHED'],
  ])('at %s: %s', (now, expected) => {
    expect(slaStateAt(at(now), deadlines, false)).toBe(expected);
  });

  it('reports PAUSED while the clock stands, even past the due date', () => {
    expect(slaStateAt(at('2026-01-12T09:00:00Z'), deadlines, true)).toBe('PAUSED');
    expect(slaStateAt(at('2026-01-20T09:00:00Z'), deadlines, true)).toBe('PAUSED');
  });
});
