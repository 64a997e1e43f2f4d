import { sync as ical, type TimeZoneDef, type VEvent, type VTimeZone } from 'node-ical';
import { bookingMail } from '../../../services/bookings/booking-mail';
import { escapeText, foldLine, visitCalendar, type VisitEvent } from '../../../domain/bookings/ics';
import { icsUtc, parseIcs } from './parse-ics';

const visit: VisitEvent = {
  uid: 'R-26-000123@19115.test',
  sequence: 0,
  start: new Date('2026-12-14T08:30:00Z'),
  end: new Date('2026-12-14T08:50:00Z'),
  stamp: new Date('2026-12-01T10:00:00.123Z'),
  summary: 'Rejestracja pojazdu – Urząd Dzielnicy Mokotów',
  location: 'Urząd Dzielnicy Mokotów – Wydział Komunikacji, ul. Rakowiecka 25/27, 02-517 Warszawa',
  description: 'Numer rezerwacji: R-26-000123\nZmiana; odwołanie\\pomoc',
  url: 'https://19115.test/api/v1/bookings/R-26-000123?token=abc',
  status: 'CONFIRMED',
};

/** The one VEVENT node-ical reads from the file, after the strict reader accepted the file. */
function readBack(text: string): VEvent {
  parseIcs(text);
  const events = Object.values(ical.parseICS(text)).filter((c): c is VEvent => c?.type === 'VEVENT');
  expect(events).toHaveLength(1);
  return events[0];
}

const at = (iso: string) => new Date(iso);
const lasting = (start: string, minutes: number): Pick<VisitEvent, 'start' | 'end'> => ({
  start: at(start),
  end: new Date(at(start).getTime() + minutes * 60_000),
});

describe('the calendar file of a visit (RFC 5545, read back with node-ical)', () => {
  it("reads back with the visit's instants, summary, location, link and status", () => {
    const text = visitCalendar(visit);
    const event = readBack(text);
    expect(event.uid).toBe('R-26-000123@19115.test');
    expect(event.start.toISOString()).toBe('2026-12-14T08:30:00.000Z');
    expect(event.end?.toISOString()).toBe('2026-12-14T08:50:00.000Z');
    expect(event.dtstamp.toISOString()).toBe('2026-12-01T10:00:00.000Z');
    expect(event.summary).toBe(visit.summary);
    expect(event.location).toBe(visit.location);
    expect(event.description).toBe(visit.description);
    // node-ical gives URL;VALUE=URI as value and parameters; the strict reader gives the value.
    expect(parseIcs(text).events[0].URL).toBe(visit.url);
    expect(event.status).toBe('CONFIRMED');
    expect(event.sequence).toBe(0);
  });

  it('writes the office hour in Europe/Warsaw with its VTIMEZONE, and DTSTAMP in UTC', () => {
    const text = visitCalendar(visit);
    const { calendar, written, timezones } = parseIcs(text);
    expect(calendar).toMatchObject({ VERSION: '2.0', METHOD: 'PUBLISH', CALSCALE: 'GREGORIAN' });
    expect(calendar.PRODID).toBe('-//civicflow//Office bookings//PL');
    expect(written[0]).toMatchObject({
      'DTSTART;TZID=Europe/Warsaw': '20261214T093000',
      'DTEND;TZID=Europe/Warsaw': '20261214T095000',
      DTSTAMP: '20261201T100000Z',
    });
    expect(timezones).toEqual(['Europe/Warsaw']);
    expect(readBack(text).start.tz).toBe('Europe/Warsaw');
  });

  it('states the EU summer-time rule in the VTIMEZONE, which Outlook goes by', () => {
    const text = visitCalendar(visit);
    const zone = Object.values(ical.parseICS(text)).find((c): c is VTimeZone => c?.type === 'VTIMEZONE');
    expect(zone?.tzid).toBe('Europe/Warsaw');
    const rules = Object.values(zone ?? {}).filter(
      (v): v is TimeZoneDef => typeof v === 'object' && v !== null && 'tzoffsetto' in v,
    );
    const rule = (type: TimeZoneDef['type']) => rules.find((r) => r.type === type);
    // Clocks change at 01:00 UTC on the last Sunday of March and of October: 02:00 CET, 03:00 CEST.
    expect(rule('DAYLIGHT')).toMatchObject({ tzoffsetfrom: '+0100', tzoffsetto: '+0200' });
    expect(rule('DAYLIGHT')?.rrule).toMatch(/FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU$/);
    expect(rule('STANDARD')).toMatchObject({ tzoffsetfrom: '+0200', tzoffsetto: '+0100' });
    expect(rule('STANDARD')?.rrule).toMatch(/FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU$/);
    // The local hour of the change, read from the file: node-ical reads these floating times in
    // the zone of the process.
    expect(text).toMatch(/BEGIN:DAYLIGHT\r\n(?:[^\r\n]*\r\n)*?DTSTART:\d{4}03\d{2}T020000\r\n/);
    expect(text).toMatch(/BEGIN:STANDARD\r\n(?:[^\r\n]*\r\n)*?DTSTART:\d{4}10\d{2}T030000\r\n/);
  });

  it.each([
    ['the Saturday before summer time', '2026-03-28T09:00:00Z', '20260328T100000'],
    ['the last Sunday of March, summer time already', '2026-03-29T08:00:00Z', '20260329T100000'],
    ['the Saturday before winter time', '2026-10-24T08:00:00Z', '20261024T100000'],
    ['the last Sunday of October, winter time again', '2026-10-25T09:00:00Z', '20261025T100000'],
  ])('keeps a 10:00 visit at 10:00 on %s', (_, start, local) => {
    const text = visitCalendar({ ...visit, ...lasting(start, 20) });
    expect(parseIcs(text).written[0]['DTSTART;TZID=Europe/Warsaw']).toBe(local);
    const event = readBack(text);
    expect(event.start.toISOString()).toBe(at(start).toISOString());
    expect(event.end!.getTime() - event.start.getTime()).toBe(20 * 60_000);
  });

  it('keeps the length of a visit across the spring switch (01:30 CET to 03:30 CEST is one hour)', () => {
    const text = visitCalendar({ ...visit, ...lasting('2026-03-29T00:30:00Z', 60) });
    expect(parseIcs(text).written[0]).toMatchObject({
      'DTSTART;TZID=Europe/Warsaw': '20260329T013000',
      'DTEND;TZID=Europe/Warsaw': '20260329T033000',
    });
    const event = readBack(text);
    expect([event.start.toISOString(), event.end?.toISOString()]).toEqual([
      '2026-03-29T00:30:00.000Z',
      '2026-03-29T01:30:00.000Z',
    ]);
  });

  it('writes a visit in the repeated autumn hour in UTC, which a TZID time cannot tell apart', () => {
    // 02:30 CEST and 02:30 CET: the same wall-clock reading an hour apart.
    const text = visitCalendar({ ...visit, ...lasting('2026-10-25T00:30:00Z', 60) });
    const { written, events } = parseIcs(text);
    expect(written[0]).toMatchObject({ DTSTART: '20261025T003000Z', DTEND: '20261025T013000Z' });
    expect(icsUtc(events[0].DTEND).toISOString()).toBe('2026-10-25T01:30:00.000Z');
    const event = readBack(text);
    expect([event.start.toISOString(), event.end?.toISOString()]).toEqual([
      '2026-10-25T00:30:00.000Z',
      '2026-10-25T01:30:00.000Z',
    ]);
  });

  it('escapes semicolons, commas, backslashes and line breaks, and keeps Polish letters', () => {
    const summary = 'Wizyta; sprawa, „pilna”\nZażółć gęślą jaźń';
    const description = 'Pierwsza linia\nDruga; linia, z przecinkiem\r\nTrzecia\\koniec';
    const text = visitCalendar({ ...visit, summary, description });
    expect(parseIcs(text).written[0].SUMMARY).toBe('Wizyta\\; sprawa\\, „pilna”\\nZażółć gęślą jaźń');
    const event = readBack(text);
    expect(event.summary).toBe(summary);
    expect(event.description).toBe('Pierwsza linia\nDruga; linia, z przecinkiem\nTrzecia\\koniec');
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
  });

  it('keeps a backslash before an "n" a backslash and an "n"', () => {
    // Read with the strict reader only: node-ical 0.26 unescapes \n before \\, so it takes the
    // escaped backslash and the "n" after it for a line break; RFC 5545 reads escapes left to right.
    const text = visitCalendar({ ...visit, summary: 'C:\\nowy folder' });
    expect(parseIcs(text).written[0].SUMMARY).toBe('C:\\\\nowy folder');
    expect(parseIcs(text).events[0].SUMMARY).toBe('C:\\nowy folder');
  });

  it('ends every line with CRLF and folds long lines at 75 octets without splitting a character', () => {
    const location = 'Żółć ąę '.repeat(30);
    const text = visitCalendar({ ...visit, location });
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = text.split('\r\n').slice(0, -1);
    expect(lines.filter((line) => line.startsWith(' ')).length).toBeGreaterThan(3);
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    // Folding keeps every multi-byte character whole: no replacement characters after decoding.
    expect(Buffer.from(text, 'utf8').toString('utf8')).not.toContain('\uFFFD');
    expect(readBack(text).location).toBe(location);
    const folded = foldLine(`LOCATION:${'ż'.repeat(80)}`);
    for (const piece of folded.split('\r\n')) expect(Buffer.byteLength(piece)).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(`LOCATION:${'ż'.repeat(80)}`);
  });

  it('keeps the UID when the visit moves, with a higher SEQUENCE, and writes the same file twice alike', () => {
    const moved = { ...visit, ...lasting('2026-12-15T12:00:00Z', 20), sequence: 1 };
    expect(visitCalendar(visit)).toBe(visitCalendar(visit));
    const [first, second] = [readBack(visitCalendar(visit)), readBack(visitCalendar(moved))];
    expect(second.uid).toBe(first.uid);
    expect([first.sequence, second.sequence]).toEqual([0, 1]);
    expect(second.start.toISOString()).toBe('2026-12-15T12:00:00.000Z');
  });

  it('publishes a cancelled visit as STATUS:CANCELLED', () => {
    expect(readBack(visitCalendar({ ...visit, status: 'CANCELLED', sequence: 2 }))).toMatchObject({
      status: 'CANCELLED',
      sequence: 2,
    });
  });

  it('refuses a visit that ends before it starts', () => {
    expect(() => visitCalendar({ ...visit, end: visit.start })).toThrow(RangeError);
  });
});

describe('the booking e-mails', () => {
  const base = {
    reference: 'R-26-000123',
    serviceName: 'Rejestracja pojazdu',
    officeName: 'Urząd Dzielnicy Mokotów – Wydział Komunikacji',
    officeAddress: 'ul. Rakowiecka 25/27, 02-517 Warszawa',
    slotStart: new Date('2026-12-14T08:30:00Z'),
    slotEnd: new Date('2026-12-14T08:50:00Z'),
    manageUrl: 'https://19115.test/api/v1/bookings/R-26-000123?token=abc',
    sequence: 0,
    uidDomain: '19115.test',
    stamp: new Date('2026-12-01T10:00:00Z'),
  };

  it('confirms in Polish with the local time of the visit and the calendar attached', () => {
    const mail = bookingMail({ ...base, template: 'CONFIRMED', language: 'pl' });
    expect(mail.subject).toBe(
      '[R-26-000123] Potwierdzenie wizyty: Rejestracja pojazdu, poniedziałek, 14 grudnia 2026, 09:30–09:50',
    );
    expect(mail.text).toContain('ul. Rakowiecka 25/27');
    expect(mail.text).toContain(base.manageUrl);
    expect(mail.calendar.filename).toBe('wizyta-R-26-000123.ics');
    expect(mail.calendar.contentType).toMatch(/^text\/calendar/);
    const [event] = parseIcs(mail.calendar.content).events;
    expect(event).toMatchObject({
      UID: 'R-26-000123@19115.test',
      DTSTART: '20261214T083000Z',
      STATUS: 'CONFIRMED',
    });
  });

  it('speaks English to a resident who booked in English', () => {
    const mail = bookingMail({ ...base, template: 'REMINDER', language: 'en' });
    expect(mail.subject).toMatch(
      /^\[R-26-000123\] Reminder of your visit: Rejestracja pojazdu, Monday, 14 December 2026, 09:30–09:50$/,
    );
    expect(mail.calendar.filename).toBe('visit-R-26-000123.ics');
  });

  it('strikes the visit from the calendar when it is cancelled, with no link to manage it', () => {
    const mail = bookingMail({ ...base, template: 'CANCELLED', language: 'pl', sequence: 2 });
    const [event] = parseIcs(mail.calendar.content).events;
    expect(event).toMatchObject({ STATUS: 'CANCELLED', SEQUENCE: '2' });
    expect(event.URL).toBeUndefined();
    expect(mail.text).not.toContain('token=');
  });

  it('escapes HTML in the data it words', () => {
    const mail = bookingMail({
      ...base,
      template: 'CONFIRMED',
      language: 'pl',
      officeName: 'Urząd <b>&</b>',
    });
    expect(mail.html).toContain('Urząd &lt;b&gt;&amp;&lt;/b&gt;');
  });
});
