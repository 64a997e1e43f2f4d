import { easterSunday, isPolishHoliday, polishHolidays } from '../../../domain/sla/polish-holidays';

describe('easterSunday', () => {
  it.each([
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    // The extremes of the Gregorian rule: 22 March and 25 April.
    [1818, '1818-03-22'],
    [2285, '2285-03-22'],
    [1943, '1943-04-25'],
    [2038, '2038-04-25'],
  ])('%i: %s', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });

  it('rejects years outside the Gregorian calendar', () => {
    expect(() => easterSunday(1582)).toThrow(RangeError);
    expect(() => easterSunday(2026.5)).toThrow(RangeError);
  });
});

describe('polishHolidays', () => {
  it('lists the fourteen days off of 2026 in date order', () => {
    expect(polishHolidays(2026).map((holiday) => holiday.date)).toEqual([
      '2026-01-01',
      '2026-01-06',
      '2026-04-05', // Easter Sunday
      '2026-04-06', // Easter Monday
      '2026-05-01',
      '2026-05-03',
      '2026-05-24', // Pentecost: Easter + 49
      '2026-06-04', // Corpus Christi: Easter + 60
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-24',
      '2026-12-25',
      '2026-12-26',
    ]);
  });

  it('names the Easter-based days in Polish and English', () => {
    const byDate = new Map(polishHolidays(2026).map((holiday) => [holiday.date, holiday]));
    expect(byDate.get('2026-04-06')).toEqual({
      date: '2026-04-06',
      name: 'Poniedziałek Wielkanocny',
      nameEn: 'Easter Monday',
    });
    expect(byDate.get('2026-05-24')?.nameEn).toBe('Pentecost Sunday');
    expect(byDate.get('2026-06-04')).toEqual({
      date: '2026-06-04',
      name: 'Boże Ciało',
      nameEn: 'Corpus Christi',
    });
  });

  it('moves the Easter-based days with Easter (2024 and 2025)', () => {
    const dates2024 = polishHolidays(2024).map((holiday) => holiday.date);
    expect(dates2024).toEqual(
      expect.arrayContaining(['2024-03-31', '2024-04-01', '2024-05-19', '2024-05-30']),
    );
    const dates2025 = polishHolidays(2025).map((holiday) => holiday.date);
    expect(dates2025).toEqual(
      expect.arrayContaining(['2025-04-20', '2025-04-21', '2025-06-08', '2025-06-19']),
    );
  });

  it('has Christmas Eve off from 2025 on, not in 2024', () => {
    expect(polishHolidays(2024).map((holiday) => holiday.date)).not.toContain('2024-12-24');
    expect(polishHolidays(2024)).toHaveLength(13);
    expect(polishHolidays(2025).find((holiday) => holiday.date === '2025-12-24')?.nameEn).toBe(
      'Christmas Eve',
    );
    expect(polishHolidays(2025)).toHaveLength(14);
    expect(polishHolidays(2030).map((holiday) => holiday.date)).toContain('2030-12-24');
  });

  it('has Epiphany off only from 2011 on', () => {
    expect(polishHolidays(2010).map((holiday) => holiday.date)).not.toContain('2010-01-06');
    expect(polishHolidays(2011).map((holiday) => holiday.date)).toContain('2011-01-06');
  });
});

describe('isPolishHoliday', () => {
  it.each([
    ['2026-06-04', true], // Corpus Christi
    ['2026-06-05', false],
    ['2026-04-06', true], // Easter Monday
    ['2026-04-07', false],
    ['2024-12-24', false],
    ['2025-12-24', true],
    ['2026-11-11', true],
    ['2026-12-31', false],
  ])('%s: %s', (date, expected) => {
    expect(isPolishHoliday(date)).toBe(expected);
  });
});
