import { TZDate } from '@date-fns/tz';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, {
  escape,
  foldLines,
  ICalCalendarMethod,
  ICalEventStatus,
  ICalEventTransparency,
} from 'ical-generator';

/**
 * iCalendar (RFC 5545) for one visit, attached to the booking e-mails so the resident's calendar
 * shows it. Pure. Written by ical-generator; this module only maps a visit onto it.
 *
 * The visit is written in the office's zone (`DTSTART;TZID=Europe/Warsaw:20261214T093000`) with
 * the zone's VTIMEZONE, so a calendar shows the office's hour and keeps it right across DST;
 * DTSTAMP stays in UTC as RFC 5545 requires. A rescheduled visit keeps its UID and raises
 * SEQUENCE, which tells calendars to move the event instead of adding a second one; a cancelled
 * one is published with STATUS:CANCELLED.
 */
export interface VisitEvent {
  /** Globally unique and stable for the booking, e.g. `R-26-000123@city.example`. */
  uid: string;
  /** 0 for the first version; raised with every change the resident is told about. */
  sequence: number;
  start: Date;
  end: Date;
  /** When this version was made (DTSTAMP). */
  stamp: Date;
  summary: string;
  location: string;
  description?: string;
  url?: string;
  status: 'CONFIRMED' | 'CANCELLED';
}

/** Every office is in Warsaw; the booking mails word the time in the same zone. */
const OFFICE_ZONE = 'Europe/Warsaw';
const HOUR_MS = 3_600_000;
const wallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: OFFICE_ZONE,
  dateStyle: 'short',
  timeStyle: 'medium',
});

/**
 * Whether the office's clock shows the same time an hour earlier or later: the hour repeated when
 * clocks go back, which a TZID time cannot tell apart (RFC 5545 takes the first of the two).
 */
function inRepeatedHour(instant: Date): boolean {
  const shown = wallClock.format(instant);
  const t = instant.getTime();
  return wallClock.format(t - HOUR_MS) === shown || wallClock.format(t + HOUR_MS) === shown;
}

/** TEXT values (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks are escaped. */
export function escapeText(value: string): string {
  return escape(value, false);
}

/** Splits a content line into pieces of at most 75 octets, never inside a UTF-8 character (RFC 5545 3.1). */
export function foldLine(line: string): string {
  return foldLines(line);
}

export function visitCalendar(event: VisitEvent, productId = '-//civicflow//Office bookings//PL'): string {
  if (event.end.getTime() <= event.start.getTime()) throw new RangeError('a visit must end after it starts');
  const calendar = ical({
    // ical-generator writes the leading "-" of the formal public identifier itself.
    prodId: productId.replace(/^-/, ''),
    method: ICalCalendarMethod.PUBLISH,
    scale: 'GREGORIAN',
    // No calendar-wide zone: with one, ical-generator writes DTSTAMP as local time, which RFC 5545
    // forbids. The generator still adds the VTIMEZONE of every zone an event uses.
    timezone: { name: null, generator: getVtimezoneComponent },
  });
  // A visit in the repeated autumn hour (never an office hour, but possible data) is written in UTC.
  const zoned = !inRepeatedHour(event.start) && !inRepeatedHour(event.end);
  calendar.createEvent({
    id: event.uid,
    sequence: event.sequence,
    // A TZDate carries the zone, so the wall-clock time is the office's whatever the server's zone.
    start: zoned ? new TZDate(event.start, OFFICE_ZONE) : event.start,
    end: zoned ? new TZDate(event.end, OFFICE_ZONE) : event.end,
    timezone: zoned ? OFFICE_ZONE : null,
    stamp: event.stamp,
    summary: event.summary,
    location: event.location,
    description: event.description ?? null,
    url: event.url ?? null,
    status: event.status === 'CANCELLED' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    transparency: ICalEventTransparency.OPAQUE,
  });
  // RFC 5545 ends every content line with CRLF, the last one too; ical-generator leaves it off.
  return `${calendar.toString()}\r\n`;
}
