import { tzOffset } from '@date-fns/tz';

/** The legacy system wrote Warsaw wall-clock times, with no offset. */
export const LEGACY_TIME_ZONE = 'Europe/Warsaw';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

const ISO_LIKE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?)?$/;
const POLISH = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?)?$/;

function offsetMinutes(instantMs: number): number {
  return tzOffset(LEGACY_TIME_ZONE, new Date(instantMs));
}

/**
 * The instant of a Warsaw wall-clock time. Around a daylight-saving change a wall-clock time can
 * name two instants (the October hour repeats) or none (the March hour is skipped): as in the
 * "compatible" disambiguation of ECMAScript Temporal and RFC 5545, a repeated time is its earlier
 * instant and a skipped one is moved forward by the gap (02:30 on the March change is 03:30 CEST).
 */
export function warsawWallClockToInstant(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  millisecond = 0,
): Date {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  // Warsaw's offset changes on whole hours: one resolution serves every time in that hour, and an
  // import of millions of rows asks about the same few thousand hours.
  const wallHour = Math.floor(wall / HOUR_MS);
  let offsetMs = offsetByWallHour.get(wallHour);
  if (offsetMs === undefined) {
    offsetMs = resolveOffsetMs(wallHour * HOUR_MS);
    if (offsetByWallHour.size >= MAX_CACHED_HOURS) offsetByWallHour.clear();
    offsetByWallHour.set(wallHour, offsetMs);
  }
  return new Date(wall - offsetMs);
}

const MAX_CACHED_HOURS = 200_000;
const offsetByWallHour = new Map<number, number>();

function resolveOffsetMs(wall: number): number {
  const before = offsetMinutes(wall - DAY_MS);
  const after = offsetMinutes(wall + DAY_MS);
  const candidates = [...new Set([before, after])]
    .map((offset) => wall - offset * MINUTE_MS)
    .filter((instant) => wall - offsetMinutes(instant) * MINUTE_MS === instant)
    .sort((a, b) => a - b);
  return wall - (candidates[0] ?? wall - before * MINUTE_MS);
}

/**
 * A time as the export writes it (`2014-03-12 23:15:10`) or as a Polish spreadsheet re-saves it
 * (`12.03.2014 23:15`), Warsaw local; null when the text is not such a time or names no real day.
 */
export function parseWarsawTime(text: string): Date | null {
  const value = text.trim();
  let parts: string[] | null = null;
  const iso = ISO_LIKE.exec(value);
  if (iso) parts = [iso[1], iso[2], iso[3], iso[4], iso[5], iso[6], iso[7]];
  const polish = iso ? null : POLISH.exec(value);
  if (polish) parts = [polish[3], polish[2], polish[1], polish[4], polish[5], polish[6], polish[7]];
  if (!parts) return null;
  const [year, month, day, hour, minute, second] = parts.slice(0, 6).map((part) => Number(part ?? 0));
  const millisecond = parts[6] ? Number(parts[6].padEnd(3, '0').slice(0, 3)) : 0;
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (
    calendar.getUTCFullYear() !== year ||
    calendar.getUTCMonth() !== month - 1 ||
    calendar.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return null;
  }
  return warsawWallClockToInstant(year, month, day, hour, minute, second, millisecond);
}
