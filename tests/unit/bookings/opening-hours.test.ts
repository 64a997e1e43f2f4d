import { fromWeeklyHours, openingHoursProblems, toWeeklyHours } from '../../../domain/bookings/opening-hours';

describe('opening hours as edited and as stored', () => {
  it('round-trips between the list and the per-weekday form', () => {
    const list = [
      { weekday: 1 as const, start: '08:00', end: '18:00' },
      { weekday: 3 as const, start: '13:00', end: '16:00' },
      { weekday: 3 as const, start: '08:00', end: '12:00' },
    ];
    const stored = toWeeklyHours(list);
    expect(stored).toEqual({
      1: [{ start: '08:00', end: '18:00' }],
      3: [
        { start: '08:00', end: '12:00' },
        { start: '13:00', end: '16:00' },
      ],
    });
    // Stored as JSON, the weekday keys come back as strings.
    expect(fromWeeklyHours(JSON.parse(JSON.stringify(stored)))).toEqual([list[0], list[2], list[1]]);
  });

  it('names each entry that is wrong', () => {
    expect(
      openingHoursProblems([
        { weekday: 8, start: '08:00', end: '16:00' },
        { weekday: 2, start: '8:00', end: '16:00' },
        { weekday: 2, start: '16:00', end: '08:00' },
        { weekday: 4, start: '08:00', end: '24:30' },
        { weekday: 5, start: '08:00', end: '12:00' },
        { weekday: 5, start: '11:00', end: '24:00' },
      ]),
    ).toEqual([
      { field: 'openingHours.0.weekday', message: 'must be an ISO weekday from 1 (Monday) to 7' },
      { field: 'openingHours.1.start', message: 'must be a time from 00:00 to 23:59' },
      { field: 'openingHours.2.end', message: 'must be after the start' },
      { field: 'openingHours.3.end', message: 'must be a time from 00:01 to 24:00' },
      { field: 'openingHours.5.start', message: 'overlaps another interval of the same day' },
    ]);
    expect(openingHoursProblems([{ weekday: 6, start: '00:00', end: '24:00' }])).toEqual([]);
  });
});
