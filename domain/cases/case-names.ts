import type { BookingStatus } from '../bookings/booking-states';
import type { CaseKind, CaseStatus, Channel, SlaState } from './case-states';

/**
 * What people read instead of the codes of case-states.ts, in the back office's two languages.
 * The back office's screens take their texts from here (admin/src/i18n) and so do the files the
 * API writes (statistics CSV): a status is called the same on a screen and in a spreadsheet.
 * Public surfaces have words of their own (public-view.ts).
 */
export const LANGUAGES = ['pl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Kinds, and BOOKING: the city counts an office visit booking as a case of its own kind. */
export type CountedKind = CaseKind | 'BOOKING';

export const KIND_NAMES: Record<Language, Record<CountedKind, string>> = {
  pl: {
    INCIDENT: 'Awaria / interwencja',
    INFORMATION: 'Pytanie',
    SUGGESTION: 'Wniosek / uwaga',
    COMPLAINT: 'Reklamacja',
    BOOKING: 'Rezerwacja wizyty',
  },
  en: {
    INCIDENT: 'Failure / intervention',
    INFORMATION: 'Question',
    SUGGESTION: 'Suggestion',
    COMPLAINT: 'Complaint',
    BOOKING: 'Office visit booking',
  },
};

export const STATUS_NAMES: Record<Language, Record<CaseStatus, string>> = {
  pl: {
    NEW: 'Nowe',
    TRIAGE: 'Do klasyfikacji',
    FORWARDED: 'Przekazane',
    IN_PROGRESS: 'W trakcie',
    WAITING_FOR_RESIDENT: 'Oczekuje na mieszkańca',
    RESOLVED: 'Rozwiązane',
    ANSWERED: 'Udzielono odpowiedzi',
    CLOSED: 'Zamknięte',
    CANCELLED: 'Anulowane',
    MERGED: 'Połączone',
  },
  en: {
    NEW: 'New',
    TRIAGE: 'Triage',
    FORWARDED: 'Forwarded',
    IN_PROGRESS: 'In progress',
    WAITING_FOR_RESIDENT: 'Waiting for resident',
    RESOLVED: 'Resolved',
    ANSWERED: 'Answered',
    CLOSED: 'Closed',
    CANCELLED: 'Cancelled',
    MERGED: 'Merged',
  },
};

export const CHANNEL_NAMES: Record<Language, Record<Channel, string>> = {
  pl: {
    PHONE: 'Telefon',
    PORTAL: 'Portal',
    MOBILE: 'Aplikacja mobilna',
    EMAIL: 'E-mail',
    CHAT: 'Czat',
    OPEN311: 'Open311',
  },
  en: {
    PHONE: 'Phone',
    PORTAL: 'Portal',
    MOBILE: 'Mobile app',
    EMAIL: 'E-mail',
    CHAT: 'Chat',
    OPEN311: 'Open311',
  },
};

export const SLA_STATE_NAMES: Record<Language, Record<SlaState, string>> = {
  pl: {
    ON_TRACK: 'W terminie',
    AT_RISK: 'Zagrożony',
    BREACHED: 'Przekroczony',
    PAUSED: 'Wstrzymany',
    MET: 'Dotrzymany',
  },
  en: {
    ON_TRACK: 'On track',
    AT_RISK: 'At risk',
    BREACHED: 'Breached',
    PAUSED: 'Paused',
    MET: 'Met',
  },
};

export const BOOKING_STATUS_NAMES: Record<Language, Record<BookingStatus, string>> = {
  pl: {
    HELD: 'Wstępna',
    CONFIRMED: 'Potwierdzona',
    CHECKED_IN: 'Na miejscu',
    NO_SHOW: 'Nieobecność',
    CANCELLED: 'Odwołana',
    EXPIRED: 'Wygasła',
    COMPLETED: 'Zakończona',
  },
  en: {
    HELD: 'Held',
    CONFIRMED: 'Confirmed',
    CHECKED_IN: 'Checked in',
    NO_SHOW: 'No-show',
    CANCELLED: 'Cancelled',
    EXPIRED: 'Expired',
    COMPLETED: 'Completed',
  },
};
