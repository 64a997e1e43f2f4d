import { warsawPlaces } from '../places/warsaw';
import type { CaseKind, CaseStatus, Channel } from './case-states';

/**
 * What anyone on the internet may learn about a case, in one place for every public surface (the
 * map, nearby search, a report's public page, Open311 and the open data): the city's own words,
 * and of the resident's only what they agreed to publish.
 */

/** A cancelled case was a mistake or abuse; a merged one lives on as its parent. Neither is shown. */
export const UNPUBLISHED_STATUSES = ['CANCELLED', 'MERGED'] as const satisfies readonly CaseStatus[];

export function isPublishedStatus(status: CaseStatus): boolean {
  return !(UNPUBLISHED_STATUSES as readonly CaseStatus[]).includes(status);
}

/**
 * A clerk writes these cases up from a call, a mail or a chat: the words are the clerk's notes of a
 * private conversation, never something the resident wrote for the public.
 */
const WORDLESS_CHANNELS = ['PHONE', 'EMAIL', 'CHAT'] as const satisfies readonly Channel[];

/**
 * Positions are published to four decimals (about 10 m): enough to find the pothole, not enough to
 * single out a doorway. SQL that measures from published positions rounds with the same formula
 * (`floor(x * scale + 0.5) / scale` in doubles), so a distance and the position shown agree.
 */
export const PUBLIC_COORDINATE_SCALE = 10_000;

export function publicCoordinate(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  return Math.floor(Number(value) * PUBLIC_COORDINATE_SCALE + 0.5) / PUBLIC_COORDINATE_SCALE;
}

/**
 * The street field is typed by residents and clerks: it is published only as the street register
 * spells a street it names ("ul. Puławska" for "Puławska 100"), so a name, an e-mail address, a
 * phone number or a remark typed there never gets out, nor does a building number.
 */
export function publicStreet(street: string | null | undefined, district?: string | null): string | null {
  if (!street?.trim()) return null;
  return warsawPlaces().streets.named(street, district)?.label ?? null;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;
const PHONE =
  /(?<![\w/+.])(?:\+\d{1,3}[ -]?)?(?:\(\d{1,4}\)[ -]?\d(?:[ -]?\d){5,11}|\d(?:[ -]?\d){8,13})(?![\w/:])/g;

/**
 * Even a description published with consent loses the e-mail addresses and phone numbers residents
 * write into it. Phone numbers need nine digits or more, so case numbers (`000123/26`), dates and
 * coordinates stay.
 */
function redactContactData(text: string): string {
  return text.replace(EMAIL, '[e-mail]').replace(PHONE, '[telefon]');
}

/** The city's fixed words for each status, in its language: what public surfaces say instead of notes. */
export const PUBLIC_STATUS_TEXTS: Record<CaseStatus, { status: string; description: string }> = {
  NEW: { status: 'Nowe', description: 'Zgłoszenie zostało przyjęte przez Miejskie Centrum Kontaktu.' },
  TRIAGE: {
    status: 'Weryfikacja',
    description: 'Miejskie Centrum Kontaktu ustala, która jednostka zajmie się zgłoszeniem.',
  },
  FORWARDED: {
    status: 'Przekazane',
    description: 'Zgłoszenie zostało przekazane do jednostki odpowiedzialnej za jego realizację.',
  },
  IN_PROGRESS: { status: 'W trakcie', description: 'Jednostka realizuje zgłoszenie.' },
  WAITING_FOR_RESIDENT: {
    status: 'Oczekuje na informacje',
    description: 'Do realizacji zgłoszenia potrzebne są dodatkowe informacje od zgłaszającego.',
  },
  RESOLVED: { status: 'Zrealizowane', description: 'Jednostka zakończyła realizację zgłoszenia.' },
  ANSWERED: { status: 'Udzielono odpowiedzi', description: 'Zgłaszający otrzymał odpowiedź.' },
  CLOSED: { status: 'Zamknięte', description: 'Zgłoszenie zostało zamknięte.' },
  CANCELLED: { status: 'Anulowane', description: 'Zgłoszenie zostało anulowane.' },
  MERGED: {
    status: 'Połączone',
    description: 'Zgłoszenie dotyczy tego samego problemu co inne zgłoszenie i jest prowadzone razem z nim.',
  },
};

/** The columns of a case a public surface starts from; the words only where a surface shows them. */
export interface PublishableCase {
  number: string;
  kind: CaseKind;
  status: CaseStatus;
  eventCode: string | null;
  district: string | null;
  street: string | null;
  lat: number | string | null;
  lon: number | string | null;
  createdAt: Date | string;
  updatedAt: Date | string;
  words?: { channel: Channel; description: string | null; publicationConsent: boolean };
}

export interface PublicCaseView {
  number: string;
  kind: CaseKind;
  status: CaseStatus;
  eventCode: string | null;
  district: string | null;
  street: string | null;
  /** Both or neither: a case without a point has no published position. */
  lat: number | null;
  lon: number | null;
  /** The resident's description, only when they agreed to publish it and wrote it themselves. */
  description: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The resident agreed to publish what they wrote (and pictured), and wrote it themselves. */
export function residentAgreedToPublish(
  words: Pick<NonNullable<PublishableCase['words']>, 'channel' | 'publicationConsent'> | undefined,
): boolean {
  return !!words?.publicationConsent && !(WORDLESS_CHANNELS as readonly Channel[]).includes(words.channel);
}

/** The description anyone may read: consented, typed by the resident, contact data removed. */
export function publicDescription(words: PublishableCase['words']): string | null {
  if (!words || !residentAgreedToPublish(words) || !words.description?.trim()) return null;
  return redactContactData(words.description).slice(0, 4000);
}

/** The one projection of a case for the public; callers leave out unpublished statuses before it. */
export function publicCaseView(row: PublishableCase): PublicCaseView {
  const located = row.lat !== null && row.lon !== null;
  return {
    number: row.number,
    kind: row.kind,
    status: row.status,
    eventCode: row.eventCode,
    district: row.district,
    street: publicStreet(row.street, row.district),
    lat: located ? publicCoordinate(row.lat) : null,
    lon: located ? publicCoordinate(row.lon) : null,
    description: publicDescription(row.words),
    createdAt: new Date(row.createdAt),
    updatedAt: new Date(row.updatedAt),
  };
}

/** A stored case as the read model loads it: its optional columns may be missing. */
export interface StoredCase {
  number: string;
  kind: CaseKind;
  status: CaseStatus;
  eventCode?: string | null;
  district?: string | null;
  street?: string | null;
  lat?: number | string | null;
  lon?: number | string | null;
  createdAt: Date | string;
  updatedAt: Date | string;
  channel: Channel;
  description?: string | null;
  publicationConsent: boolean;
}

/** The public view of a stored case with the resident's words (Open311, the public report page). */
export function publicViewOfStoredCase(row: StoredCase): PublicCaseView {
  return publicCaseView({
    number: row.number,
    kind: row.kind,
    status: row.status,
    eventCode: row.eventCode ?? null,
    district: row.district ?? null,
    street: row.street ?? null,
    lat: row.lat ?? null,
    lon: row.lon ?? null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    words: {
      channel: row.channel,
      description: row.description ?? null,
      publicationConsent: row.publicationConsent,
    },
  });
}
