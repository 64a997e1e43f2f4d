import type { Language } from '../i18n/i18n';

/** Offices keep Warsaw time whatever the resident's device says, so every date is shown in it. */
const WARSAW = 'Europe/Warsaw';
const LOCALE: Record<Language, string> = { pl: 'pl-PL', en: 'en-GB' };

/** How far ahead the API takes bookings (MAX_ADVANCE_DAYS in domain/bookings/slots.ts). */
export const BOOKING_HORIZON_DAYS = 92;

/** Today on a Warsaw wall calendar, `YYYY-MM-DD`. */
export function warsawToday(now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: WARSAW,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Calendar arithmetic through UTC midnight, which has no DST. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** The Monday of the week `date` falls in. */
export function mondayOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}

const calendarDay = (date: string) => new Date(`${date}T12:00:00Z`);

/** "Tuesday 2 December" / "wtorek, 2 grudnia": a slot's day as the grid and screen readers say it. */
export function formatDay(date: string, lang: Language): string {
  return new Intl.DateTimeFormat(LOCALE[lang], {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  }).format(calendarDay(date));
}

/** "1–7 December 2025". */
export function formatWeek(monday: string, lang: Language): string {
  return new Intl.DateTimeFormat(LOCALE[lang], {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).formatRange(calendarDay(monday), calendarDay(addDays(monday, 6)));
}

/** An instant as a full Warsaw date and time: "Tuesday 2 December 2025 at 10:20". */
export function formatDateTime(instant: string, lang: Language): string {
  return new Intl.DateTimeFormat(LOCALE[lang], {
    timeZone: WARSAW,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(instant));
}

/** An instant's Warsaw time of day, "10:20". */
export function formatTime(instant: string, lang: Language): string {
  return new Intl.DateTimeFormat(LOCALE[lang], {
    timeZone: WARSAW,
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(instant));
}

/** The name of an ISO weekday (1 = Monday); 1 January 2024 was a Monday. */
export function weekdayName(weekday: number, lang: Language): string {
  return new Intl.DateTimeFormat(LOCALE[lang], { timeZone: 'UTC', weekday: 'long' }).format(
    new Date(Date.UTC(2024, 0, weekday, 12)),
  );
}
