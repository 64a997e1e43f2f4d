import {
  addWorkingMinutes,
  ALWAYS_CALENDAR,
  assertValidCalendar,
  type BusinessCalendar,
  defaultBusinessCalendar,
  isWorkingTime,
  toWarsawWallClock,
  warsawWallClockToInstant,
  type WeeklyHours,
  workingMinutesBetween,
} from '../../../domain/sla/business-calendar';

// Expected values are UTC instants; the comments give the Warsaw wall clock. Winter is CET (UTC+1),
// summer CEST (UTC+2); in 2026 summer time runs from Sunday 29 March to Sunday 25 October.
const at = (iso: string): Date => new Date(iso);
const office = defaultBusinessCalendar();

const allDay = [{ start: '00:00', end: '24:00' }];
const roundTheClockHours: WeeklyHours = {
  1: allDay,
  2: allDay,
  3: allDay,
  4: allDay,
  5: allDay,
  6: allDay,
  7: allDay,
};
const roundTheClock = defaultBusinessCalendar({ hours: roundTheClockHours, polishPublicHolidays: false });

describe('Warsaw wall clock', () => {
  it('maps 08:00 to 07:00Z in winter and 06:00Z in summer', () => {
    expect(warsawWallClockToInstant('2026-01-15', '08:00')).toEqual(at('2026-01-15T07:00:00Z'));
    expect(warsawWallClockToInstant('2026-07-15', '08:00')).toEqual(at('2026-07-15T06:00:00Z'));
  });

  it('reads 24:00 as midnight at the end of the day', () => {
    expect(warsawWallClockToInstant('2026-01-15', '24:00')).toEqual(at('2026-01-15T23:00:00Z'));
  });

  it('moves a time in the skipped hour (29 March 2026, 02:00-03:00) forward by the gap', () => {
    expect(warsawWallClockToInstant('2026-03-29', '01:59')).toEqual(at('2026-03-29T00:59:00Z'));
    expect(warsawWallClockToInstant('2026-03-29', '02:00')).toEqual(at('2026-03-29T01:00:00Z'));
    expect(warsawWallClockToInstant('2026-03-29', '02:30')).toEqual(at('2026-03-29T01:30:00Z')); // = 03:30 CEST
    expect(warsawWallClockToInstant('2026-03-29', '03:00')).toEqual(at('2026-03-29T01:00:00Z'));
  });

  it('takes the earlier occurrence of a time in the repeated hour (25 October 2026, 02:00-03:00)', () => {
    expect(warsawWallClockToInstant('2026-10-25', '01:59')).toEqual(at('2026-10-24T23:59:00Z'));
    expect(warsawWallClockToInstant('2026-10-25', '02:30')).toEqual(at('2026-10-25T00:30:00Z')); // CEST, not CET
    expect(warsawWallClockToInstant('2026-10-25', '03:00')).toEqual(at('2026-10-25T02:00:00Z'));
  });

  it('shows the local date, time, weekday and offset of an instant', () => {
    expect(toWarsawWallClock(at('2026-03-29T00:59:00Z'))).toEqual({
      date: '2026-03-29',
      time: '01:59',
      isoWeekday: 7,
      offsetMinutes: 60,
    });
    expect(toWarsawWallClock(at('2026-03-29T01:00:00Z'))).toEqual({
      date: '2026-03-29',
      time: '03:00',
      isoWeekday: 7,
      offsetMinutes: 120,
    });
    // Both occurrences of 02:30 on 25 October.
    expect(toWarsawWallClock(at('2026-10-25T00:30:00Z'))).toMatchObject({
      time: '02:30',
      offsetMinutes: 120,
    });
    expect(toWarsawWallClock(at('2026-10-25T01:30:00Z'))).toMatchObject({ time: '02:30', offsetMinutes: 60 });
    // Late evening UTC is already the next local day.
    expect(toWarsawWallClock(at('2026-01-11T23:30:00Z'))).toMatchObject({
      date: '2026-01-12',
      isoWeekday: 1,
    });
  });
});

describe('addWorkingMinutes on the default calendar (Mon-Fri 08:00-16:00, Polish holidays)', () => {
  it('adds minutes within one working day', () => {
    // Mon 12 Jan 2026 09:00 + 60 = 10:00.
    expect(addWorkingMinutes(at('2026-01-12T08:00:00Z'), 60, office)).toEqual(at('2026-01-12T09:00:00Z'));
  });

  it('keeps seconds and fractional minutes', () => {
    expect(addWorkingMinutes(at('2026-01-12T08:00:30Z'), 1, office)).toEqual(at('2026-01-12T08:01:30Z'));
    expect(addWorkingMinutes(at('2026-01-12T08:00:00Z'), 33.75, office)).toEqual(at('2026-01-12T08:33:45Z'));
  });

  it('carries over to the next morning', () => {
    // Mon 15:00 + 120: 60 on Monday, 60 from Tuesday 08:00 -> Tue 09:00.
    expect(addWorkingMinutes(at('2026-01-12T14:00:00Z'), 120, office)).toEqual(at('2026-01-13T08:00:00Z'));
  });

  it('is due at closing time, not at the next opening, when a day is used up exactly', () => {
    // Mon 08:00 + 480 = Mon 16:00.
    expect(addWorkingMinutes(at('2026-01-12T07:00:00Z'), 480, office)).toEqual(at('2026-01-12T15:00:00Z'));
  });

  it('skips the weekend', () => {
    // Fri 16 Jan 15:30 + 60: 30 on Friday, 30 on Monday 19 Jan -> 08:30.
    expect(addWorkingMinutes(at('2026-01-16T14:30:00Z'), 60, office)).toEqual(at('2026-01-19T07:30:00Z'));
  });

  it('starts counting at the next opening when started outside office hours', () => {
    // Saturday 17 Jan 10:00 + 30 -> Mon 19 Jan 08:30.
    expect(addWorkingMinutes(at('2026-01-17T09:00:00Z'), 30, office)).toEqual(at('2026-01-19T07:30:00Z'));
    // Tue 13 Jan 06:00, before opening, + 15 -> 08:15.
    expect(addWorkingMinutes(at('2026-01-13T05:00:00Z'), 15, office)).toEqual(at('2026-01-13T07:15:00Z'));
    // Tue 13 Jan 18:00, after closing, + 15 -> Wed 08:15.
    expect(addWorkingMinutes(at('2026-01-13T17:00:00Z'), 15, office)).toEqual(at('2026-01-14T07:15:00Z'));
    // Tue 13 Jan 00:30 local is still 12 Jan in UTC.
    expect(addWorkingMinutes(at('2026-01-12T23:30:00Z'), 15, office)).toEqual(at('2026-01-13T07:15:00Z'));
  });

  it('gives the start itself for zero minutes in office hours, else the next opening', () => {
    expect(addWorkingMinutes(at('2026-01-12T09:17:00Z'), 0, office)).toEqual(at('2026-01-12T09:17:00Z'));
    // Friday 16:00, the closing instant itself, is no longer working time -> Monday 08:00.
    expect(addWorkingMinutes(at('2026-01-16T15:00:00Z'), 0, office)).toEqual(at('2026-01-19T07:00:00Z'));
    // Sunday -> Monday 08:00.
    expect(addWorkingMinutes(at('2026-01-18T12:00:00Z'), 0, office)).toEqual(at('2026-01-19T07:00:00Z'));
  });

  it('skips Epiphany (Tue 6 Jan 2026)', () => {
    // Mon 5 Jan 15:00 + 120: 60 on Monday, Tuesday closed, 60 on Wednesday -> Wed 7 Jan 09:00.
    expect(addWorkingMinutes(at('2026-01-05T14:00:00Z'), 120, office)).toEqual(at('2026-01-07T08:00:00Z'));
  });

  it('starts on the next working day when started during a holiday', () => {
    // Easter Monday, 6 Apr 2026, 10:00 CEST + 60 -> Tue 7 Apr 09:00 CEST.
    expect(addWorkingMinutes(at('2026-04-06T08:00:00Z'), 60, office)).toEqual(at('2026-04-07T07:00:00Z'));
    // Independence Day, Wed 11 Nov 2026, 10:00 CET + 30 -> Thu 12 Nov 08:30 CET.
    expect(addWorkingMinutes(at('2026-11-11T09:00:00Z'), 30, office)).toEqual(at('2026-11-12T07:30:00Z'));
  });

  it('skips Corpus Christi (Thu 4 Jun 2026)', () => {
    // Wed 3 Jun 15:00 CEST + 120: 60 on Wednesday, Thursday closed -> Fri 5 Jun 09:00 CEST.
    expect(addWorkingMinutes(at('2026-06-03T13:00:00Z'), 120, office)).toEqual(at('2026-06-05T07:00:00Z'));
  });

  it('crosses Christmas 2025, with Christmas Eve a day off', () => {
    // Tue 23 Dec 2025 14:00 + 480: 120 on Tuesday; Wed 24 - Fri 26 holidays; weekend; 360 on Mon 29 Dec
    // -> 14:00.
    expect(addWorkingMinutes(at('2025-12-23T13:00:00Z'), 480, office)).toEqual(at('2025-12-29T13:00:00Z'));
  });

  it('works on Christmas Eve 2024, which was not yet a day off', () => {
    // Mon 23 Dec 2024 14:00 + 480: 120 on Monday, 360 on Tuesday 24 Dec -> 14:00.
    expect(addWorkingMinutes(at('2024-12-23T13:00:00Z'), 480, office)).toEqual(at('2024-12-24T13:00:00Z'));
  });

  it('crosses Christmas 2026 (Thu 24, Fri 25 off, Sat 26 a weekend holiday)', () => {
    // Wed 23 Dec 12:00 + 960: 240 on Wednesday, 480 on Mon 28, 240 on Tue 29 -> 12:00.
    expect(addWorkingMinutes(at('2026-12-23T11:00:00Z'), 960, office)).toEqual(at('2026-12-29T11:00:00Z'));
  });

  it('honours extra closed dates', () => {
    const withBridgeDay = defaultBusinessCalendar({ extraClosedDates: ['2026-01-02'] });
    // Wed 31 Dec 2025 15:00 + 120: 60 on Wednesday; 1 Jan holiday; Fri 2 Jan closed -> Mon 5 Jan 09:00.
    expect(addWorkingMinutes(at('2025-12-31T14:00:00Z'), 120, withBridgeDay)).toEqual(
      at('2026-01-05T08:00:00Z'),
    );
    // Without the bridge day, Friday 2 Jan is a working day.
    expect(addWorkingMinutes(at('2025-12-31T14:00:00Z'), 120, office)).toEqual(at('2026-01-02T08:00:00Z'));
  });

  it('opens at 08:00 local on both sides of the March DST change', () => {
    // Fri 27 Mar 2026 08:00 CET = 07:00Z; Mon 30 Mar 08:00 CEST = 06:00Z.
    expect(addWorkingMinutes(at('2026-03-27T05:00:00Z'), 0, office)).toEqual(at('2026-03-27T07:00:00Z'));
    expect(addWorkingMinutes(at('2026-03-28T12:00:00Z'), 0, office)).toEqual(at('2026-03-30T06:00:00Z'));
    // Fri 15:00 CET + 120: 60 on Friday, 60 on Monday -> Mon 09:00 CEST.
    expect(addWorkingMinutes(at('2026-03-27T14:00:00Z'), 120, office)).toEqual(at('2026-03-30T07:00:00Z'));
  });

  it('opens at 08:00 local on both sides of the October DST change', () => {
    // Fri 23 Oct 2026 15:00 CEST + 120: 60 on Friday, 60 on Monday 26 Oct -> 09:00 CET.
    expect(addWorkingMinutes(at('2026-10-23T13:00:00Z'), 120, office)).toEqual(at('2026-10-26T08:00:00Z'));
    expect(addWorkingMinutes(at('2026-10-24T12:00:00Z'), 0, office)).toEqual(at('2026-10-26T07:00:00Z'));
  });

  it('reaches targets of several weeks', () => {
    // Mon 12 Jan 08:00 + 15 working days (7200 min), no holidays -> Fri 30 Jan 16:00 CET.
    expect(addWorkingMinutes(at('2026-01-12T07:00:00Z'), 7200, office)).toEqual(at('2026-01-30T15:00:00Z'));
    // Mon 16 Mar 08:00 CET + 20 working days (9600 min) across DST and Easter Monday:
    // 16-20, 23-27, 30 Mar-3 Apr (15 days), 6 Apr off, 7-10 Apr (19), Mon 13 Apr (20) -> 16:00 CEST.
    expect(addWorkingMinutes(at('2026-03-16T07:00:00Z'), 9600, office)).toEqual(at('2026-04-13T14:00:00Z'));
    // Mon 15 Dec 2025 08:00 + 10 working days: 15-19, 22-23 (7), 24-26 off, 29-31 (10) -> Wed 31 Dec 16:00.
    expect(addWorkingMinutes(at('2025-12-15T07:00:00Z'), 4800, office)).toEqual(at('2025-12-31T15:00:00Z'));
  });

  it('rejects negative or non-finite minutes', () => {
    expect(() => addWorkingMinutes(at('2026-01-12T08:00:00Z'), -1, office)).toThrow(RangeError);
    expect(() => addWorkingMinutes(at('2026-01-12T08:00:00Z'), Number.NaN, office)).toThrow(RangeError);
    expect(() => addWorkingMinutes(new Date(Number.NaN), 1, office)).toThrow(RangeError);
  });
});

describe('addWorkingMinutes on other calendars', () => {
  it('ALWAYS adds real elapsed minutes, so a day across the spring change ends an hour later on the wall', () => {
    // Sat 28 Mar 2026 12:00 CET + 1440 -> Sun 29 Mar 11:00Z = 13:00 CEST.
    expect(addWorkingMinutes(at('2026-03-28T11:00:00Z'), 1440, ALWAYS_CALENDAR)).toEqual(
      at('2026-03-29T11:00:00Z'),
    );
    // Sat 24 Oct 2026 12:00 CEST + 1440 -> Sun 25 Oct 10:00Z = 11:00 CET.
    expect(addWorkingMinutes(at('2026-10-24T10:00:00Z'), 1440, ALWAYS_CALENDAR)).toEqual(
      at('2026-10-25T10:00:00Z'),
    );
  });

  it('ALWAYS ignores weekends and holidays', () => {
    // Christmas Eve 2025 12:00 CET + 3 days.
    expect(addWorkingMinutes(at('2025-12-24T11:00:00Z'), 4320, ALWAYS_CALENDAR)).toEqual(
      at('2025-12-27T11:00:00Z'),
    );
  });

  it('counts split office hours and Saturdays', () => {
    const hours: WeeklyHours = {
      1: [
        { start: '13:00', end: '17:00' },
        { start: '08:00', end: '12:00' },
      ],
      6: [{ start: '09:00', end: '13:00' }],
    };
    const calendar = defaultBusinessCalendar({ hours });
    // Mon 12 Jan 11:00 + 90: 60 until lunch, 30 after -> 13:30.
    expect(addWorkingMinutes(at('2026-01-12T10:00:00Z'), 90, calendar)).toEqual(at('2026-01-12T12:30:00Z'));
    // Lunch break start counts on from 13:00.
    expect(addWorkingMinutes(at('2026-01-12T11:00:00Z'), 0, calendar)).toEqual(at('2026-01-12T12:00:00Z'));
    // Mon 16:00 + 120: 60 on Monday, then Saturday 17 Jan 09:00 + 60 -> 10:00.
    expect(addWorkingMinutes(at('2026-01-12T15:00:00Z'), 120, calendar)).toEqual(at('2026-01-17T09:00:00Z'));
  });

  it('counts an interval across the skipped hour in real minutes', () => {
    const sundayNight = defaultBusinessCalendar({
      hours: { 7: [{ start: '01:00', end: '04:00' }] },
      polishPublicHolidays: false,
    });
    // 29 Mar 2026: 01:00 CET = 00:00Z to 04:00 CEST = 02:00Z, two real hours.
    expect(addWorkingMinutes(at('2026-03-29T00:00:00Z'), 90, sundayNight)).toEqual(
      at('2026-03-29T01:30:00Z'),
    );
    expect(addWorkingMinutes(at('2026-03-29T00:00:00Z'), 150, sundayNight)).toEqual(
      // 120 that night, 30 the next Sunday: 5 Apr 01:00 CEST = 4 Apr 23:00Z.
      at('2026-04-04T23:30:00Z'),
    );
  });

  it('rejects calendars it cannot use', () => {
    const bad = (hours: WeeklyHours, extraClosedDates: string[] = []): BusinessCalendar =>
      defaultBusinessCalendar({ hours, extraClosedDates });
    expect(() => assertValidCalendar(bad({}))).toThrow(/needs some office hours/);
    expect(() => assertValidCalendar(bad({ 1: [{ start: '8:00', end: '16:00' }] }))).toThrow(RangeError);
    expect(() => assertValidCalendar(bad({ 1: [{ start: '16:00', end: '08:00' }] }))).toThrow(/end after/);
    expect(() => assertValidCalendar(bad({ 1: [{ start: '08:00', end: '24:30' }] }))).toThrow(RangeError);
    expect(() =>
      assertValidCalendar(
        bad({
          1: [
            { start: '08:00', end: '12:00' },
            { start: '11:00', end: '16:00' },
          ],
        }),
      ),
    ).toThrow(/overlap/);
    expect(() => assertValidCalendar(bad(office.hours, ['2026-02-30']))).toThrow(/no such date/);
    expect(() => addWorkingMinutes(at('2026-01-12T08:00:00Z'), 10, bad({}))).toThrow(RangeError);
    expect(() => assertValidCalendar(office)).not.toThrow();
    expect(() => assertValidCalendar(ALWAYS_CALENDAR)).not.toThrow();
  });
});

describe('workingMinutesBetween', () => {
  it('counts office minutes only', () => {
    // Mon 12 Jan 10:00 to Tue 13 Jan 10:00: 360 + 120.
    expect(workingMinutesBetween(at('2026-01-12T09:00:00Z'), at('2026-01-13T09:00:00Z'), office)).toBe(480);
    // Fri 16 Jan 15:00 to Mon 19 Jan 09:00: 60 + 60.
    expect(workingMinutesBetween(at('2026-01-16T14:00:00Z'), at('2026-01-19T08:00:00Z'), office)).toBe(120);
    // A weekend alone.
    expect(workingMinutesBetween(at('2026-01-17T00:00:00Z'), at('2026-01-18T20:00:00Z'), office)).toBe(0);
  });

  it('is zero for the same instant and negative when reversed', () => {
    expect(workingMinutesBetween(at('2026-01-12T09:00:00Z'), at('2026-01-12T09:00:00Z'), office)).toBe(0);
    expect(workingMinutesBetween(at('2026-01-13T09:00:00Z'), at('2026-01-12T09:00:00Z'), office)).toBe(-480);
  });

  it('gives fractional minutes for instants off the minute', () => {
    expect(workingMinutesBetween(at('2026-01-12T09:00:00Z'), at('2026-01-12T09:00:30Z'), office)).toBe(0.5);
  });

  it('counts both 8-hour days around the March change', () => {
    // Fri 27 Mar 08:00 CET (07:00Z) to Mon 30 Mar 16:00 CEST (14:00Z).
    expect(workingMinutesBetween(at('2026-03-27T07:00:00Z'), at('2026-03-30T14:00:00Z'), office)).toBe(960);
  });

  it('leaves out holidays', () => {
    // Tue 23 Dec 2025 14:00 to Mon 29 Dec 14:00: 120 + 360.
    expect(workingMinutesBetween(at('2025-12-23T13:00:00Z'), at('2025-12-29T13:00:00Z'), office)).toBe(480);
    // Same span in 2024: Mon 23 Dec 14:00 to Mon 30 Dec 14:00: 120 + 480 on 24 Dec + 480 on Fri 27 + 360.
    expect(workingMinutesBetween(at('2024-12-23T13:00:00Z'), at('2024-12-30T13:00:00Z'), office)).toBe(1440);
  });

  it('inverts addWorkingMinutes over several weeks', () => {
    expect(workingMinutesBetween(at('2026-03-16T07:00:00Z'), at('2026-04-13T14:00:00Z'), office)).toBe(9600);
  });

  it('measures the short and the long DST day in real minutes on a 24/7 calendar', () => {
    // 29 Mar 2026 has 23 hours, 25 Oct 2026 has 25.
    expect(workingMinutesBetween(at('2026-03-28T23:00:00Z'), at('2026-03-29T22:00:00Z'), roundTheClock)).toBe(
      1380,
    );
    expect(workingMinutesBetween(at('2026-10-24T22:00:00Z'), at('2026-10-25T23:00:00Z'), roundTheClock)).toBe(
      1500,
    );
  });

  it('ALWAYS counts every real minute', () => {
    expect(
      workingMinutesBetween(at('2026-03-28T11:00:00Z'), at('2026-03-29T11:00:00Z'), ALWAYS_CALENDAR),
    ).toBe(1440);
  });
});

describe('isWorkingTime', () => {
  it('includes the opening instant, not the closing one', () => {
    expect(isWorkingTime(at('2026-01-12T07:00:00Z'), office)).toBe(true); // Mon 08:00
    expect(isWorkingTime(at('2026-01-12T15:00:00Z'), office)).toBe(false); // Mon 16:00
    expect(isWorkingTime(at('2026-04-06T08:00:00Z'), office)).toBe(false); // Easter Monday
    expect(isWorkingTime(at('2026-01-17T10:00:00Z'), office)).toBe(false); // Saturday
    expect(isWorkingTime(at('2026-01-17T10:00:00Z'), ALWAYS_CALENDAR)).toBe(true);
  });
});
