import { bookingMail } from '../../../activities/bookings/booking-mail';
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

describe('the calendar file of a visit (RFC 5545)', () => {
  it('reads back with the visit in UTC, its summary, location and a stable UID', () => {
    const text = visitCalendar(visit);
    const { calendar, events } = parseIcs(text);
    expect(calendar).toMatchObject({ VERSION: '2.0', METHOD: 'PUBLISH', CALSCALE: 'GREGORIAN' });
    expect(calendar.PRODID).toMatch(/civicflow/);
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event.UID).toBe('R-26-000123@19115.test');
    expect(event.DTSTART).toBe('20261214T083000Z');
    expect(icsUtc(event.DTEND).toISOString()).toBe('2026-12-14T08:50:00.000Z');
    expect(event.DTSTAMP).toBe('20261201T100000Z');
    expect(event.SUMMARY).toBe(visit.summary);
    expect(event.LOCATION).toBe(visit.location);
    expect(event.DESCRIPTION).toBe(visit.description);
    expect(event.URL).toBe(visit.url);
    expect(event.STATUS).toBe('CONFIRMED');
    expect(event.SEQUENCE).toBe('0');
  });

  it('ends every line with CRLF and folds long lines at 75 octets without splitting a character', () => {
    const text = visitCalendar({ ...visit, location: 'Żółć ąę '.repeat(30) });
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = text.split('\r\n').slice(0, -1);
    expect(lines.some((line) => line.startsWith(' '))).toBe(true);
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(parseIcs(text).events[0].LOCATION).toBe('Żółć ąę '.repeat(30));
    // Folding keeps every multi-byte character whole: no replacement characters after decoding.
    expect(Buffer.from(text, 'utf8').toString('utf8')).not.toContain('\uFFFD');
  });

  it('escapes the characters TEXT values reserve', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
    expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
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
