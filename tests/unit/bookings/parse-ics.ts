import { sync as ical, type VEvent } from 'node-ical';

/**
 * A strict reader of the iCalendar files the booking mails carry, written from RFC 5545 apart from
 * the code that writes them: it throws on what a calendar client could stumble over (bare LF,
 * lines over 75 octets, unbalanced BEGIN/END, a VEVENT without UID, DTSTAMP or DTSTART, a
 * calendar without VERSION:2.0 or PRODID, a TZID without its VTIMEZONE, a floating time) and
 * returns the properties with TEXT values unescaped.
 *
 * DTSTART, DTEND and DTSTAMP come back as the UTC instant they denote (`20261214T083000Z`), so
 * tests compare instants whichever form the file uses; a time with a TZID is resolved by node-ical.
 * `written` keeps each VEVENT's lines as they are in the file, parameters included.
 */
export interface ParsedCalendar {
  calendar: Record<string, string>;
  events: Record<string, string>[];
  written: Record<string, string>[];
  /** The TZIDs the VTIMEZONE components define. */
  timezones: string[];
}

const TEXT_PROPERTIES = new Set(['SUMMARY', 'LOCATION', 'DESCRIPTION']);
const DATE_TIMES = new Set(['DTSTART', 'DTEND', 'DTSTAMP']);
const PARSED_DATE_TIME: Record<string, 'start' | 'end' | 'dtstamp'> = {
  DTSTART: 'start',
  DTEND: 'end',
  DTSTAMP: 'dtstamp',
};

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, char: string) => (char === 'n' || char === 'N' ? '\n' : char));
}

function utcBasic(instant: Date): string {
  return instant
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

export function parseIcs(source: string): ParsedCalendar {
  if (!source.endsWith('\r\n')) throw new Error('the calendar must end with CRLF');
  if (/[^\r]\n/.test(source) || /\r[^\n]/.test(source))
    throw new Error('lines must end with CRLF, not a bare LF or CR');
  const physical = source.slice(0, -2).split('\r\n');
  for (const line of physical) {
    if (Buffer.byteLength(line, 'utf8') > 75) throw new Error(`line longer than 75 octets: ${line}`);
  }
  const logical: string[] = [];
  for (const line of physical) {
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (logical.length === 0) throw new Error('a continuation line cannot come first');
      logical[logical.length - 1] += line.slice(1);
    } else {
      logical.push(line);
    }
  }

  const stack: string[] = [];
  const calendar: Record<string, string> = {};
  const events: Record<string, string>[] = [];
  const written: Record<string, string>[] = [];
  const timezones: string[] = [];
  const zonesUsed = new Set<string>();
  let event: Record<string, string> | null = null;
  let eventLines: Record<string, string> = {};
  for (const line of logical) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`not a content line: ${line}`);
    const nameWithParameters = line.slice(0, colon);
    const [rawName, ...parameters] = nameWithParameters.split(';');
    const name = rawName.toUpperCase();
    const value = line.slice(colon + 1);
    if (name === 'BEGIN') {
      stack.push(value);
      if (value === 'VEVENT') {
        event = {};
        eventLines = {};
      }
      continue;
    }
    if (name === 'END') {
      if (stack.pop() !== value) throw new Error(`END:${value} does not close the open component`);
      if (value === 'VEVENT' && event) {
        for (const required of ['UID', 'DTSTAMP', 'DTSTART']) {
          if (!event[required]) throw new Error(`a VEVENT needs ${required}`);
        }
        events.push(event);
        written.push(eventLines);
        event = null;
      }
      continue;
    }
    const component = stack[stack.length - 1];
    if (component === 'VTIMEZONE' && name === 'TZID') timezones.push(value);
    if (component !== 'VEVENT' && component !== 'VCALENDAR') continue;
    const target = component === 'VEVENT' ? event : calendar;
    if (!target) throw new Error(`property ${name} outside a component`);
    if (component === 'VEVENT') eventLines[nameWithParameters] = value;
    if (DATE_TIMES.has(name) && component === 'VEVENT') {
      const tzid = parameters.find((p) => p.toUpperCase().startsWith('TZID='))?.slice('TZID='.length);
      if (tzid) zonesUsed.add(tzid);
      else if (!value.endsWith('Z')) throw new Error(`${name} is a floating time: ${value}`);
      if (name === 'DTSTAMP' && tzid) throw new Error('DTSTAMP must be in UTC');
    }
    target[name] = TEXT_PROPERTIES.has(name) ? unescapeText(value) : value;
  }
  if (stack.length > 0) throw new Error(`unclosed components: ${stack.join(', ')}`);
  if (calendar.VERSION !== '2.0') throw new Error('a VCALENDAR needs VERSION:2.0');
  if (!calendar.PRODID) throw new Error('a VCALENDAR needs PRODID');
  for (const zone of zonesUsed) {
    if (!timezones.includes(zone)) throw new Error(`TZID=${zone} has no VTIMEZONE`);
  }

  if (zonesUsed.size > 0) {
    const parsed = ical.parseICS(source);
    for (const [index, found] of events.entries()) {
      const component = parsed[found.UID] as VEvent | undefined;
      if (component?.type !== 'VEVENT') throw new Error(`node-ical found no VEVENT ${found.UID}`);
      for (const [name, key] of Object.entries(PARSED_DATE_TIME)) {
        const parameters = Object.keys(written[index]).find((n) => n.split(';')[0].toUpperCase() === name);
        if (!parameters?.toUpperCase().includes(';TZID=')) continue;
        const instant = component[key];
        if (!(instant instanceof Date)) throw new Error(`node-ical could not read ${name} of ${found.UID}`);
        found[name] = utcBasic(instant);
      }
    }
  }
  return { calendar, events, written, timezones };
}

/** A UTC DATE-TIME (`20261214T083000Z`) as a Date; throws on local or floating times. */
export function icsUtc(value: string): Date {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) throw new Error(`not a UTC date-time: ${value}`);
  const [, y, mo, d, h, mi, s] = match.map(Number);
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}
