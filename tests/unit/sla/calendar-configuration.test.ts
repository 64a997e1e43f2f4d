import {
  addWorkingMinutes,
  assertValidCalendar,
  defaultBusinessCalendar,
  isWorkingTime,
  workingMinutesBetween,
} from '../../../domain/sla/business-calendar';
import {
  businessCalendarFrom,
  type CalendarDay,
  DEFAULT_WEEKDAY_HOURS,
  type WeekdayHours,
  weekdayHoursOf,
} from '../../../domain/sla/calendar-configuration';
import { computeSlaDeadlines } from '../../../domain/sla/sla-deadlines';

// Expected values are UTC instants; comments give the Warsaw wall clock (CET = UTC+1 in winter,
// CEST = UTC+2 in summer). In 2026 Corpus Christi is Thursday 4 June.
const at = (iso: string): Date => new Date(iso);
const configured = (days: CalendarDay[], weekdayHours: readonly WeekdayHours[] = DEFAULT_WEEKDAY_HOURS) =>
  businessCalendarFrom({ weekdayHours, days });

describe('the configured business calendar', () => {
  it('starts from the hours the calendar always had: Monday to Friday, 08:00-16:00', () => {
    expect(DEFAULT_WEEKDAY_HOURS).toEqual([
      { weekday: 1, opens: '08:00', closes: '16:00' },
      { weekday: 2, opens: '08:00', closes: '16:00' },
      { weekday: 3, opens: '08:00', closes: '16:00' },
      { weekday: 4, opens: '08:00', closes: '16:00' },
      { weekday: 5, opens: '08:00', closes: '16:00' },
      { weekday: 6, opens: null, closes: null },
      { weekday: 7, opens: null, closes: null },
    ]);
  });

  it('computes the same deadlines as the built-in calendar when nothing is configured', () => {
    const builtIn = defaultBusinessCalendar();
    const fromRows = configured([]);
    // Starts 23 hours 53 minutes apart through 2026 drift back through every hour of the day and
    // meet every holiday and both DST changes.
    for (
      let ms = Date.parse('2026-01-01T00:00:00Z');
      ms < Date.parse('2027-01-01T00:00:00Z');
      ms += 1433 * 60_000
    ) {
      for (const minutes of [0, 45, 2400]) {
        const start = new Date(ms);
        expect(addWorkingMinutes(start, minutes, fromRows)).toEqual(
          addWorkingMinutes(start, minutes, builtIn),
        );
      }
    }
  });

  it('moves a deadline past a CLOSED bridge day', () => {
    // Wednesday 3 June 15:00 CEST, two working hours: one on Wednesday, Thursday is Corpus Christi.
    const start = at('2026-06-03T13:00:00Z');
    // Without the bridge day: Friday 5 June 09:00 CEST.
    expect(addWorkingMinutes(start, 120, configured([]))).toEqual(at('2026-06-05T07:00:00Z'));
    // With Friday closed: Monday 8 June 09:00 CEST.
    const bridge = configured([{ date: '2026-06-05', kind: 'CLOSED' }]);
    expect(addWorkingMinutes(start, 120, bridge)).toEqual(at('2026-06-08T07:00:00Z'));
    expect(isWorkingTime(at('2026-06-05T08:00:00Z'), bridge)).toBe(false);
    expect(workingMinutesBetween(start, at('2026-06-08T14:00:00Z'), bridge)).toBe(60 + 480);
  });

  it('counts an OPEN Saturday with its own hours', () => {
    // Friday 12 June 15:00 CEST, two working hours: one on Friday, one on the working Saturday.
    const start = at('2026-06-12T13:00:00Z');
    expect(addWorkingMinutes(start, 120, configured([]))).toEqual(at('2026-06-15T07:00:00Z'));
    const workingSaturday = configured([
      { date: '2026-06-13', kind: 'OPEN', opens: '10:00', closes: '14:00' },
    ]);
    // Saturday 13 June 11:00 CEST.
    expect(addWorkingMinutes(start, 120, workingSaturday)).toEqual(at('2026-06-13T09:00:00Z'));
    // Past the Saturday's four hours the rest falls on Monday: 60 + 240 on Friday and Saturday, 60 more.
    expect(addWorkingMinutes(start, 360, workingSaturday)).toEqual(at('2026-06-15T07:00:00Z'));
    // Other Saturdays stay closed.
    expect(isWorkingTime(at('2026-06-20T09:00:00Z'), workingSaturday)).toBe(false);
  });

  it('lets an OPEN day replace the hours of a weekday and open a statutory holiday', () => {
    // Thursday 31 December open 08:00-12:00 only; from 11:00 CET one hour is left that day, then
    // 1 January (holiday) and the weekend: Monday 4 January 2027 09:00 CET.
    const shortDay = configured([{ date: '2026-12-31', kind: 'OPEN', opens: '08:00', closes: '12:00' }]);
    expect(addWorkingMinutes(at('2026-12-31T10:00:00Z'), 120, shortDay)).toEqual(at('2027-01-04T08:00:00Z'));
    expect(isWorkingTime(at('2026-12-31T12:00:00Z'), shortDay)).toBe(false);

    const openOnCorpusChristi = configured([
      { date: '2026-06-04', kind: 'OPEN', opens: '08:00', closes: '12:00' },
    ]);
    // Wednesday 3 June 15:00 CEST + 120: one hour on Wednesday, then Thursday 09:00 CEST.
    expect(addWorkingMinutes(at('2026-06-03T13:00:00Z'), 120, openOnCorpusChristi)).toEqual(
      at('2026-06-04T07:00:00Z'),
    );
  });

  it('follows changed office hours, including a Saturday', () => {
    const earlyOffice = configured(
      [],
      [
        ...[1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '07:30', closes: '15:30' }) as WeekdayHours),
        { weekday: 6, opens: '09:00', closes: '13:00' },
      ],
    );
    // Monday 12 January 07:00 CET, one hour: 08:30 CET instead of 09:00.
    expect(addWorkingMinutes(at('2026-01-12T06:00:00Z'), 60, earlyOffice)).toEqual(
      at('2026-01-12T07:30:00Z'),
    );
    // Friday 16 January 15:00 CET, one hour: half an hour on Friday, then Saturday 09:30 CET.
    expect(addWorkingMinutes(at('2026-01-16T14:00:00Z'), 60, earlyOffice)).toEqual(
      at('2026-01-17T08:30:00Z'),
    );
    // Sunday has no row: closed. A week is 5 x 480 + 240 minutes.
    expect(workingMinutesBetween(at('2026-01-12T00:00:00Z'), at('2026-01-19T00:00:00Z'), earlyOffice)).toBe(
      5 * 480 + 240,
    );
  });

  it('moves SLA deadlines computed over the configured calendar', () => {
    const policy = (calendar: ReturnType<typeof configured>) => ({
      firstResponseMinutes: 240,
      resolutionMinutes: 3 * 480,
      calendar,
    });
    // Monday 1 June 2026 10:00 CEST, three working days: 360 minutes on Monday, Tuesday and
    // Wednesday whole, Thursday is Corpus Christi, so the last 120 end Friday 5 June 10:00 CEST.
    const startedAt = at('2026-06-01T08:00:00Z');
    const usual = computeSlaDeadlines({ policy: policy(configured([])), startedAt });
    expect(usual.firstResponseDueAt).toEqual(at('2026-06-01T12:00:00Z'));
    expect(usual.resolutionDueAt).toEqual(at('2026-06-05T08:00:00Z'));
    // With Friday a bridge day: Monday 8 June 10:00 CEST; the first response is not affected.
    const bridged = computeSlaDeadlines({
      policy: policy(configured([{ date: '2026-06-05', kind: 'CLOSED' }])),
      startedAt,
    });
    expect(bridged.firstResponseDueAt).toEqual(usual.firstResponseDueAt);
    expect(bridged.resolutionDueAt).toEqual(at('2026-06-08T08:00:00Z'));
  });

  it('refuses configurations it cannot use, naming the day', () => {
    expect(() => configured([{ date: '2026-06-13', kind: 'OPEN', opens: '08:00' }])).toThrow(
      /2026-06-13 needs both/,
    );
    expect(() => configured([{ date: '2026-06-13', kind: 'OPEN' }])).toThrow(/2026-06-13 is OPEN and needs/);
    expect(() =>
      assertValidCalendar(
        configured([
          { date: '2026-06-05', kind: 'CLOSED' },
          { date: '2026-06-05', kind: 'OPEN', opens: '08:00', closes: '12:00' },
        ]),
      ),
    ).toThrow(/both closed and open/);
    expect(() =>
      assertValidCalendar(
        configured([{ date: '2026-06-13', kind: 'OPEN', opens: '14:00', closes: '10:00' }]),
      ),
    ).toThrow(/end after/);
    expect(() => assertValidCalendar(configured([{ date: '2026-02-30', kind: 'CLOSED' }]))).toThrow(
      /no such date/,
    );
    expect(() => configured([], [{ weekday: 1, opens: '08:00', closes: null }])).toThrow(
      /ISO weekday 1 needs both/,
    );
    expect(() =>
      configured(
        [],
        [
          { weekday: 1, opens: '08:00', closes: '16:00' },
          { weekday: 1, opens: '09:00', closes: '17:00' },
        ],
      ),
    ).toThrow(/two rows/);
    expect(() =>
      weekdayHoursOf({
        1: [
          { start: '08:00', end: '12:00' },
          { start: '13:00', end: '16:00' },
        ],
      }),
    ).toThrow(/more than one interval/);
  });
});
