import Holidays from 'date-holidays';
import { polishHolidays } from '../../../domain/sla/polish-holidays';

/**
 * domain/sla/polish-holidays.ts stays the source of truth for the SLA calendar (it is dated to
 * the law, e.g. 24 December from 2025); date-holidays, kept up by many hands, is a second opinion.
 * A difference that is not listed below fails, so a change in either calendar is looked at.
 */
const FIRST_YEAR = 2024;
const LAST_YEAR = 2035;

/**
 * Days off on which the two are meant to differ, with the reason. None today: date-holidays 3.37
 * has Christmas Eve from 2025 as well. `ours` are days only civicflow counts, `theirs` only
 * date-holidays.
 */
const INTENDED_DIFFERENCES: Record<number, { ours: string[]; theirs: string[]; why: string }> = {};

const publicHolidays = new Holidays('PL', { types: ['public'] });

function theirDates(year: number): string[] {
  // `date` is the local calendar day, "YYYY-MM-DD 00:00:00".
  return [...new Set(publicHolidays.getHolidays(year).map((holiday) => holiday.date.slice(0, 10)))].sort();
}

describe('the Polish days off against date-holidays', () => {
  const years = Array.from({ length: LAST_YEAR - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i);

  it.each(years)('%i: the same public holidays, apart from the listed differences', (year) => {
    const ours = polishHolidays(year).map((holiday) => holiday.date);
    const theirs = theirDates(year);
    const differences = {
      ours: ours.filter((date) => !theirs.includes(date)),
      theirs: theirs.filter((date) => !ours.includes(date)),
    };
    const intended = INTENDED_DIFFERENCES[year] ?? { ours: [], theirs: [] };
    expect(differences).toEqual({ ours: intended.ours, theirs: intended.theirs });
  });

  it('really compares: date-holidays knows the days the law added, Epiphany and Christmas Eve', () => {
    expect(theirDates(2024)).toHaveLength(13);
    expect(theirDates(2024)).toContain('2024-01-06');
    expect(theirDates(2024)).not.toContain('2024-12-24');
    expect(theirDates(2025)).toContain('2025-12-24');
  });
});
