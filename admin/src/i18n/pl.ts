import type { TranslationMessages } from 'react-admin';
import type { appEnglish } from './en';
import { raPolishMessages } from './ra-pl';

/** Typed against the English texts, so a key missing here fails the type check. */
export const appPolish: typeof appEnglish = {
  civicflow: {
    kind: {
      INCIDENT: 'Awaria / interwencja',
      INFORMATION: 'Pytanie',
      SUGGESTION: 'Wniosek / uwaga',
      COMPLAINT: 'Reklamacja',
    },
    status: {
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
    channel: {
      PHONE: 'Telefon',
      PORTAL: 'Portal',
      MOBILE: 'Aplikacja mobilna',
      EMAIL: 'E-mail',
      CHAT: 'Czat',
      OPEN311: 'Open311',
    },
    case: {
      timeline: 'Historia',
      details: 'Szczegóły',
      location: 'Miejsce',
      contact: 'Mieszkaniec',
      no_events: 'Brak zdarzeń',
      search: 'Szukaj numeru, treści lub ulicy',
    },
    language: { en: 'English', pl: 'Polski' },
  },
  resources: {
    cases: {
      name: 'Sprawa |||| Sprawy |||| Spraw',
      fields: {
        number: 'Numer',
        kind: 'Typ',
        status: 'Status',
        eventCode: 'Zdarzenie',
        unitCode: 'Jednostka',
        district: 'Dzielnica',
        channel: 'Kanał',
        priority: 'Priorytet',
        description: 'Opis',
        createdAt: 'Przyjęto',
        resolutionDueAt: 'Termin realizacji',
        slaState: 'SLA',
        'location.street': 'Ulica',
        'location.building': 'Numer budynku',
        'contact.name': 'Imię i nazwisko',
        'contact.email': 'E-mail',
        'contact.phone': 'Telefon',
      },
    },
  },
};

export const polishMessagesAll: TranslationMessages = { ...raPolishMessages, ...appPolish };
