/**
 * A strict reader of the iCalendar files the booking mails carry, written from RFC 5545 apart from
 * the code that writes them: it throws on what a calendar client could stumble over (bare LF,
 * lines over 75 octets, unbalanced BEGIN/END, a VEVENT without UID, DTSTAMP or DTSTART, a
 * calendar without VERSION:2.0 or PRODID) and returns the properties with TEXT values unescaped.
 */
export interface ParsedCalendar {
  calendar: Record<string, string>;
  events: Record<string, string>[];
}

const TEXT_PROPERTIES = new Set(['SUMMARY', 'LOCATION', 'DESCRIPTION']);

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, char: string) => (char === 'n' || char === 'N' ? '\n' : char));
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
  let event: Record<string, string> | null = null;
  for (const line of logical) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`not a content line: ${line}`);
    const name = line.slice(0, colon).split(';')[0].toUpperCase();
    const value = line.slice(colon + 1);
    if (name === 'BEGIN') {
      stack.push(value);
      if (value === 'VEVENT') event = {};
      continue;
    }
    if (name === 'END') {
      if (stack.pop() !== value) throw new Error(`END:${value} does not close the open component`);
      if (value === 'VEVENT' && event) {
        for (const required of ['UID', 'DTSTAMP', 'DTSTART']) {
          if (!event[required]) throw new Error(`a VEVENT needs ${required}`);
        }
        events.push(event);
        event = null;
      }
      continue;
    }
    const target =
      stack[stack.length - 1] === 'VEVENT'
        ? event
        : stack[stack.length - 1] === 'VCALENDAR'
          ? calendar
          : null;
    if (!target) throw new Error(`property ${name} outside a component`);
    target[name] = TEXT_PROPERTIES.has(name) ? unescapeText(value) : value;
  }
  if (stack.length > 0) throw new Error(`unclosed components: ${stack.join(', ')}`);
  if (calendar.VERSION !== '2.0') throw new Error('a VCALENDAR needs VERSION:2.0');
  if (!calendar.PRODID) throw new Error('a VCALENDAR needs PRODID');
  return { calendar, events };
}

/** A UTC DATE-TIME (`20261214T083000Z`) as a Date; throws on local or floating times. */
export function icsUtc(value: string): Date {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) throw new Error(`not a UTC date-time: ${value}`);
  const [, y, mo, d, h, mi, s] = match.map(Number);
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}
