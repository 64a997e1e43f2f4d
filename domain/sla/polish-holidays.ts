/**
 * Polish statutory days off (ustawa z dnia 18 stycznia 1951 r. o dniach wolnych od pracy), as the
 * law reads today. Two later amendments are dated so past years stay right for the SLA reports that
 * look back: Epiphany is a day off from 2011, Christmas Eve from 2025. Earlier changes (3 May and
 * 11 November restored in 1989-1990) are not modelled: no case in civicflow is that old.
 *
 * Dates are plain `YYYY-MM-DD` strings: a holiday is a local calendar day in Poland, not an instant.
 */
export interface PolishHoliday {
  date: string;
  name: string;
  nameEn: string;
}

/** The Gregorian calendar (and so the Easter rule below) starts in 1583; 9999 keeps dates at 4 digits. */
const FIRST_YEAR = 1583;
const LAST_YEAR = 9999;
const EPIPHANY_FROM = 2011;
const CHRISTMAS_EVE_FROM = 2025;

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) {
    throw new RangeError(`year must be an integer from ${FIRST_YEAR} to ${LAST_YEAR}, got ${year}`);
  }
}

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Calendar arithmetic through UTC midnight: UTC has no DST, so adding days never drifts by an hour. */
function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const shifted = new Date(Date.UTC(year, month - 1, day + days));
  return isoDate(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

/**
 * Easter Sunday (Western churches) by the anonymous Gregorian algorithm as given by Meeus,
 * "Astronomical Algorithms", ch. 8. Returns `YYYY-MM-DD`.
 */
export function easterSunday(year: number): string {
  assertYear(year);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDate(year, month, day);
}

/** All statutory days off in `year`, sorted by date. Sundays among them are listed too. */
export function polishHolidays(year: number): PolishHoliday[] {
  assertYear(year);
  const easter = easterSunday(year);
  const fixed = (month: number, day: number): string => isoDate(year, month, day);
  const holidays: PolishHoliday[] = [
    { date: fixed(1, 1), name: 'Nowy Rok', nameEn: "New Year's Day" },
    { date: easter, name: 'Wielkanoc', nameEn: 'Easter Sunday' },
    { date: addDays(easter, 1), name: 'Poniedziałek Wielkanocny', nameEn: 'Easter Monday' },
    { date: fixed(5, 1), name: 'Święto Pracy', nameEn: 'Labour Day' },
    { date: fixed(5, 3), name: 'Święto Konstytucji 3 Maja', nameEn: 'Constitution Day' },
    { date: addDays(easter, 49), name: 'Zielone Świątki', nameEn: 'Pentecost Sunday' },
    { date: addDays(easter, 60), name: 'Boże Ciało', nameEn: 'Corpus Christi' },
    {
      date: fixed(8, 15),
      name: 'Wniebowzięcie Najświętszej Maryi Panny',
      nameEn: 'Assumption of the Blessed Virgin Mary',
    },
    { date: fixed(11, 1), name: 'Wszystkich Świętych', nameEn: "All Saints' Day" },
    { date: fixed(11, 11), name: 'Narodowe Święto Niepodległości', nameEn: 'National Independence Day' },
    { date: fixed(12, 25), name: 'Boże Narodzenie (pierwszy dzień)', nameEn: 'Christmas Day' },
    { date: fixed(12, 26), name: 'Boże Narodzenie (drugi dzień)', nameEn: 'Second Day of Christmas' },
  ];
  if (year >= EPIPHANY_FROM) {
    holidays.push({ date: fixed(1, 6), name: 'Święto Trzech Króli', nameEn: 'Epiphany' });
  }
  if (year >= CHRISTMAS_EVE_FROM) {
    holidays.push({ date: fixed(12, 24), name: 'Wigilia Bożego Narodzenia', nameEn: 'Christmas Eve' });
  }
  // ISO dates of one year sort correctly as strings.
  return holidays.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

// Holidays are a pure function of the year; business-calendar math asks for the same year on every day
// it walks, so remembering the answer saves recomputing Easter thousands of times for long targets.
const datesByYear = new Map<number, ReadonlySet<string>>();

/** The holiday dates of `year` as a set, for fast membership tests. */
export function polishHolidayDates(year: number): ReadonlySet<string> {
  let dates = datesByYear.get(year);
  if (!dates) {
    dates = new Set(polishHolidays(year).map((holiday) => holiday.date));
    datesByYear.set(year, dates);
  }
  return dates;
}

/** Whether a `YYYY-MM-DD` date is a Polish statutory day off. */
export function isPolishHoliday(date: string): boolean {
  const year = Number(date.slice(0, 4));
  return polishHolidayDates(year).has(date);
}
