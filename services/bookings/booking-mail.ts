import { visitCalendar } from '../../domain/bookings/ics';

/**
 * The e-mails of a booking as pure functions of their data: booking-notifications.ts looks the booking up
 * and sends, these only word it. Every mail carries the visit as an `.ics` file, so the resident's
 * calendar adds it, moves it (same UID, higher SEQUENCE) or strikes it out.
 */
export const BOOKING_MAIL_TEMPLATES = ['CONFIRMED', 'RESCHEDULED', 'REMINDER', 'CANCELLED'] as const;
export type BookingMailTemplate = (typeof BOOKING_MAIL_TEMPLATES)[number];

export interface BookingMailData {
  template: BookingMailTemplate;
  language: 'pl' | 'en';
  reference: string;
  serviceName: string;
  officeName: string;
  officeAddress: string;
  slotStart: Date;
  slotEnd: Date;
  /** Where the resident views, cancels or moves the booking (carries the token). */
  manageUrl: string;
  /** The calendar event's SEQUENCE: 0, then one more per reschedule (a cancellation adds one). */
  sequence: number;
  /** The domain the calendar UID is minted under (MAIL_FROM's). */
  uidDomain: string;
  /** When the mail is composed (the event's DTSTAMP). */
  stamp: Date;
}

export interface BookingMail {
  subject: string;
  text: string;
  html: string;
  calendar: { filename: string; content: string; contentType: string };
}

const ZONE = 'Europe/Warsaw';

function when(data: BookingMailData): string {
  const locale = data.language === 'pl' ? 'pl-PL' : 'en-GB';
  const date = new Intl.DateTimeFormat(locale, {
    timeZone: ZONE,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(data.slotStart);
  const time = new Intl.DateTimeFormat(locale, {
    timeZone: ZONE,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return `${date}, ${time.format(data.slotStart)}–${time.format(data.slotEnd)}`;
}

const WORDING = {
  pl: {
    subject: {
      CONFIRMED: 'Potwierdzenie wizyty',
      RESCHEDULED: 'Zmiana terminu wizyty',
      REMINDER: 'Przypomnienie o wizycie',
      CANCELLED: 'Odwołanie wizyty',
    },
    lead: {
      CONFIRMED: 'potwierdzamy rezerwację wizyty w urzędzie.',
      RESCHEDULED: 'termin Pani/Pana wizyty w urzędzie został zmieniony. Obowiązuje nowy termin:',
      REMINDER: 'przypominamy o zbliżającej się wizycie w urzędzie.',
      CANCELLED: 'wizyta w urzędzie została odwołana. Termin jest znowu wolny dla innych mieszkańców.',
    },
    greeting: 'Dzień dobry,',
    service: 'Sprawa',
    office: 'Urząd',
    address: 'Adres',
    time: 'Termin',
    reference: 'Numer rezerwacji',
    bring: 'Prosimy przyjść kilka minut wcześniej i zabrać dokument tożsamości.',
    calendar: 'W załączniku jest plik kalendarza (.ics).',
    manage: 'Rezerwację można sprawdzić, przełożyć lub odwołać tutaj:',
    closing: 'Z poważaniem\nUrząd m.st. Warszawy',
    footer: 'Ta wiadomość została wysłana automatycznie. Prosimy na nią nie odpowiadać.',
    file: 'wizyta',
  },
  en: {
    subject: {
      CONFIRMED: 'Your visit is booked',
      RESCHEDULED: 'Your visit has been moved',
      REMINDER: 'Reminder of your visit',
      CANCELLED: 'Your visit has been cancelled',
    },
    lead: {
      CONFIRMED: 'your visit to the city office is booked.',
      RESCHEDULED: 'your visit to the city office has been moved. The new time is:',
      REMINDER: 'this is a reminder of your upcoming visit to the city office.',
      CANCELLED:
        'your visit to the city office has been cancelled. The time is free again for other residents.',
    },
    greeting: 'Hello,',
    service: 'Service',
    office: 'Office',
    address: 'Address',
    time: 'Time',
    reference: 'Booking reference',
    bring: 'Please come a few minutes early and bring an identity document.',
    calendar: 'The visit is attached as a calendar file (.ics).',
    manage: 'You can view, move or cancel the booking here:',
    closing: 'Kind regards\nCity of Warsaw',
    footer: 'This message was sent automatically. Please do not reply to it.',
    file: 'visit',
  },
} as const;

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function bookingMail(data: BookingMailData): BookingMail {
  const words = WORDING[data.language];
  const cancelled = data.template === 'CANCELLED';
  const facts: [string, string][] = [
    [words.service, data.serviceName],
    [words.office, data.officeName],
    [words.address, data.officeAddress],
    [words.time, when(data)],
    [words.reference, data.reference],
  ];
  const subject = `[${data.reference}] ${words.subject[data.template]}: ${data.serviceName}, ${when(data)}`;
  const paragraphs = [words.lead[data.template], ...(cancelled ? [] : [words.bring]), words.calendar];
  const text = [
    words.greeting,
    '',
    paragraphs[0],
    '',
    ...facts.map(([label, value]) => `${label}: ${value}`),
    '',
    ...paragraphs.slice(1).flatMap((p) => [p, '']),
    ...(cancelled ? [] : [words.manage, data.manageUrl, '']),
    words.closing,
    '',
    '-- ',
    words.footer,
  ].join('\n');
  const html = [
    `<p>${escapeHtml(words.greeting)}</p>`,
    `<p>${escapeHtml(paragraphs[0])}</p>`,
    `<table>${facts
      .map(
        ([label, value]) =>
          `<tr><th align="left">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`,
      )
      .join('')}</table>`,
    ...paragraphs.slice(1).map((p) => `<p>${escapeHtml(p)}</p>`),
    ...(cancelled
      ? []
      : [
          `<p>${escapeHtml(words.manage)} <a href="${escapeHtml(data.manageUrl)}">${escapeHtml(data.manageUrl)}</a></p>`,
        ]),
    `<p>${escapeHtml(words.closing).replace(/\n/g, '<br>')}</p>`,
    `<p style="color:#666;font-size:small">${escapeHtml(words.footer)}</p>`,
  ].join('\n');

  const content = visitCalendar({
    uid: `${data.reference}@${data.uidDomain}`,
    sequence: data.sequence,
    start: data.slotStart,
    end: data.slotEnd,
    stamp: data.stamp,
    summary: `${data.serviceName} – ${data.officeName}`,
    location: `${data.officeName}, ${data.officeAddress}`,
    description: `${words.reference}: ${data.reference}${cancelled ? '' : `\n${words.manage} ${data.manageUrl}`}`,
    url: cancelled ? undefined : data.manageUrl,
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
  });
  return {
    subject,
    text,
    html,
    calendar: {
      filename: `${words.file}-${data.reference}.ics`,
      content,
      contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
    },
  };
}
