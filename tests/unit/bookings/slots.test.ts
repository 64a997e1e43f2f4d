import {
  MAX_ADVANCE_DAYS,
  closedReason,
  rangeProblems,
  slotBookingProblem,
  slotStartingAt,
  slotsBetween,
  slotsOnDate,
  type SlotSchedule,
} from '../../../domain/bookings/slots';

const DAY = { start: '08:00', end: '16:00' };
/** A district office: Monday until 18:00, Tuesday to Friday 08:00-16:00. */
const districtOffice: SlotSchedule = {
  hours: { 1: [{ start: '08:00', end: '18:00' }], 2: [DAY], 3: [DAY], 4: [DAY], 5: [DAY] },
  durationMinutes: 20,
  observesPublicHolidays: true,
  blackoutDates: [],
};

const iso = (date: Date) => date.toISOString();
const MINUTE = 60_000;

describe('slots of a service at an office', () => {
  it('fills the opening hours with back-to-back slots of the service duration, in Warsaw time', () => {
    // Monday 14 December 2026, winter time (UTC+1).
    const monday = slotsOnDate('2026-12-14', districtOffice);
    expect(monday).toHaveLength(30);
    expect(monday[0]).toMatchObject({ date: '2026-12-14', time: '08:00' });
    expect(iso(monday[0].start)).toBe('2026-12-14T07:00:00.000Z');
    expect(iso(monday[29].end)).toBe('2026-12-14T17:00:00.000Z');
    expect(monday.map((s) => s.time).slice(0, 4)).toEqual(['08:00', '08:20', '08:40', '09:00']);
    expect(slotsOnDate('2026-12-15', districtOffice)).toHaveLength(24);
  });

  it('never lets a slot run past closing time when the duration does not divide the hours', () => {
    const slots = slotsOnDate('2026-12-15', { ...districtOffice, durationMinutes: 45 });
    expect(slots).toHaveLength(10);
    expect(slots[9]).toMatchObject({ time: '14:45' });
    expect(iso(slots[9].end)).toBe('2026-12-15T14:30:00.000Z');
  });

  it('keeps a lunch break between two intervals of the day', () => {
    const schedule: SlotSchedule = {
      ...districtOffice,
      durationMinutes: 30,
      hours: {
        2: [
          { start: '13:00', end: '16:00' },
          { start: '08:00', end: '12:00' },
        ],
      },
    };
    const times = slotsOnDate('2026-12-15', schedule).map((s) => s.time);
    expect(times).toHaveLength(14);
    expect(times).toContain('11:30');
    expect(times).not.toContain('12:00');
    expect(times).not.toContain('12:30');
    expect(times[8]).toBe('13:00');
  });

  describe('across daylight saving time', () => {
    it('moves the UTC instants of the same local times when summer time starts', () => {
      // Friday before and Monday after the last Sunday of March 2026 (29 March).
      const friday = slotsOnDate('2026-03-27', districtOffice)[0];
      const monday = slotsOnDate('2026-03-30', districtOffice)[0];
      expect([friday.time, iso(friday.start)]).toEqual(['08:00', '2026-03-27T07:00:00.000Z']);
      expect([monday.time, iso(monday.start)]).toEqual(['08:00', '2026-03-30T06:00:00.000Z']);
    });

    it('moves them back when summer time ends', () => {
      const friday = slotsOnDate('2026-10-23', districtOffice)[0];
      const monday = slotsOnDate('2026-10-26', districtOffice)[0];
      expect(iso(friday.start)).toBe('2026-10-23T06:00:00.000Z');
      expect(iso(monday.start)).toBe('2026-10-26T07:00:00.000Z');
    });

    const nightOffice: SlotSchedule = {
      hours: { 7: [{ start: '00:00', end: '06:00' }] },
      durationMinutes: 60,
      observesPublicHolidays: false,
      blackoutDates: [],
    };

    it('has one hour fewer of slots on the night the clocks skip 02:00-03:00', () => {
      const slots = slotsOnDate('2026-03-29', nightOffice);
      expect(slots.map((s) => s.time)).toEqual(['00:00', '01:00', '03:00', '04:00', '05:00']);
      expect(slots.map((s) => iso(s.start))).toEqual([
        '2026-03-28T23:00:00.000Z',
        '2026-03-29T00:00:00.000Z',
        '2026-03-29T01:00:00.000Z',
        '2026-03-29T02:00:00.000Z',
        '2026-03-29T03:00:00.000Z',
      ]);
      for (const slot of slots) expect(slot.end.getTime() - slot.start.getTime()).toBe(60 * MINUTE);
    });

    it('has one hour more on the night 02:00-03:00 happens twice, each slot its own instant', () => {
      const slots = slotsOnDate('2026-10-25', nightOffice);
      expect(slots.map((s) => s.time)).toEqual([
        '00:00',
        '01:00',
        '02:00',
        '02:00',
        '03:00',
        '04:00',
        '05:00',
      ]);
      expect(new Set(slots.map((s) => iso(s.start))).size).toBe(7);
      expect(iso(slots[2].start)).toBe('2026-10-25T00:00:00.000Z');
      expect(iso(slots[3].start)).toBe('2026-10-25T01:00:00.000Z');
      expect(iso(slots[6].end)).toBe('2026-10-25T05:00:00.000Z');
    });
  });

  describe('closed days', () => {
    it('has no slots on Polish statutory days off', () => {
      // Independence Day (Wednesday), Easter Monday, Corpus Christi and Christmas Eve 2026.
      for (const date of ['2026-11-11', '2026-04-06', '2026-06-04', '2026-12-24']) {
        expect({ date, slots: slotsOnDate(date, districtOffice).length }).toEqual({ date, slots: 0 });
        expect(closedReason(date, districtOffice)).toBe('PUBLIC_HOLIDAY');
      }
      expect(slotsOnDate('2026-11-10', districtOffice)).toHaveLength(24);
    });

    it('opens on them when the office does not observe statutory days off', () => {
      expect(slotsOnDate('2026-11-11', { ...districtOffice, observesPublicHolidays: false })).toHaveLength(
        24,
      );
    });

    it("has no slots on the office's blackout days", () => {
      const schedule = { ...districtOffice, blackoutDates: ['2026-12-16'] };
      expect(slotsOnDate('2026-12-16', schedule)).toEqual([]);
      expect(closedReason('2026-12-16', schedule)).toBe('BLACKOUT');
      expect(slotsOnDate('2026-12-17', schedule)).toHaveLength(24);
    });

    it('skips a weekday the office is closed on, and weekends', () => {
      const noWednesdays: SlotSchedule = { ...districtOffice, hours: { ...districtOffice.hours, 3: [] } };
      expect(closedReason('2026-12-16', noWednesdays)).toBe('CLOSED_WEEKDAY');
      const week = slotsBetween(
        { from: '2026-12-14', to: '2026-12-20' },
        noWednesdays,
        new Date('2026-12-01T00:00:00Z'),
      );
      expect([...new Set(week.map((s) => s.date))]).toEqual([
        '2026-12-14',
        '2026-12-15',
        '2026-12-17',
        '2026-12-18',
      ]);
      expect(week).toHaveLength(30 + 24 * 3);
    });
  });

  it('lists only slots that start after now', () => {
    const now = new Date('2026-12-15T08:10:00Z'); // 09:10 in Warsaw
    const slots = slotsBetween({ from: '2026-12-15', to: '2026-12-15' }, districtOffice, now);
    expect(slots[0].time).toBe('09:20');
    expect(slots).toHaveLength(24 - 4);
  });

  it('finds a slot by its start, and nothing off the grid or on a closed day', () => {
    expect(slotStartingAt(new Date('2026-12-15T08:20:00Z'), districtOffice)).toMatchObject({ time: '09:20' });
    expect(slotStartingAt(new Date('2026-12-15T08:25:00Z'), districtOffice)).toBeNull();
    expect(slotStartingAt(new Date('2026-12-15T15:00:00Z'), districtOffice)).toBeNull();
    expect(slotStartingAt(new Date('2026-11-11T08:00:00Z'), districtOffice)).toBeNull();
  });

  it('refuses to book a slot that has started or lies beyond the booking horizon', () => {
    const now = new Date('2026-12-15T08:10:00Z');
    const started = slotStartingAt(new Date('2026-12-15T08:00:00Z'), districtOffice)!;
    expect(slotBookingProblem(started, now)).toMatch(/already started/);
    const next = slotStartingAt(new Date('2026-12-15T08:20:00Z'), districtOffice)!;
    expect(slotBookingProblem(next, now)).toBeNull();
    const far = slotsOnDate('2027-04-15', districtOffice)[0];
    expect(slotBookingProblem(far, now)).toMatch(`${MAX_ADVANCE_DAYS} days`);
  });

  it('validates an availability range and names the wrong end', () => {
    const now = new Date('2026-12-15T08:10:00Z');
    expect(rangeProblems({ from: '2026-12-15', to: '2027-01-14' }, now)).toEqual([]);
    expect(rangeProblems({ from: '2026-12-15', to: '2027-01-15' }, now)).toEqual([
      { field: 'to', message: 'the range may span at most 31 days' },
    ]);
    expect(rangeProblems({ from: '2026-12-20', to: '2026-12-19' }, now)[0].field).toBe('to');
    expect(rangeProblems({ from: '2026-12-01', to: '2026-12-14' }, now)[0].message).toMatch(/past/);
    expect(rangeProblems({ from: '2027-04-01', to: '2027-04-02' }, now)[0].field).toBe('from');
    expect(rangeProblems({ from: '2026-02-30', to: '2026-13-01' }, now).map((p) => p.field)).toEqual([
      'from',
      'to',
    ]);
  });
});
