import type { TranslationMessages } from 'react-admin';
import type { appEnglish } from './en';
import { mergeMessages } from './feature-messages';
import { features } from './features';
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
    action: {
      accept: 'Przyjmij',
      classify: 'Sklasyfikuj',
      forward: 'Przekaż do jednostki',
      'request-info': 'Zapytaj mieszkańca',
      resolve: 'Zamknij jako załatwione',
      answer: 'Odpowiedz',
      return: 'Zwróć (nie nasza sprawa)',
      reopen: 'Otwórz ponownie',
      merge: 'Połącz jako duplikat',
      cancel: 'Anuluj sprawę',
      comment: 'Skomentuj',
      note: {
        accept: 'Notatka (opcjonalnie)',
        classify: 'Notatka (opcjonalnie)',
        forward: 'Notatka dla jednostki (opcjonalnie)',
        'request-info': 'Pytanie do mieszkańca',
        resolve: 'Co zrobiono (trafi do mieszkańca)',
        answer: 'Odpowiedź dla mieszkańca',
        return: 'Dlaczego to nie sprawa jednostki',
        reopen: 'Co nadal jest nie tak',
        merge: 'Notatka (opcjonalnie)',
        cancel: 'Powód',
        comment: 'Komentarz',
      },
      done: '%{action}: wykonano',
      parent_case: 'Sprawa, do której dołączyć',
      public_comment: 'Widoczny dla mieszkańca',
    },
    open311: {
      activate: 'Włącz',
      deactivate: 'Wyłącz',
      key_issued:
        'Klucz api_key aplikacji %{name}. Skopiuj go teraz: przechowujemy tylko jego skrót i nie pokażemy go ponownie.',
    },
    language: { en: 'English', pl: 'Polski' },
  },
  resources: {
    'open311-clients': {
      name: 'Klient Open311 |||| Klienci Open311 |||| Klientów Open311',
      fields: { name: 'Aplikacja', active: 'Aktywny', createdAt: 'Wydano', lastUsedAt: 'Ostatnio użyty' },
    },
    units: {
      name: 'Jednostka |||| Jednostki |||| Jednostek',
      fields: {
        code: 'Kod',
        name: 'Nazwa',
        nameEn: 'Nazwa (angielska)',
        district: 'Dzielnica',
        email: 'E-mail',
        active: 'Aktywna',
        hasConnector: 'Własny system',
      },
    },
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

export const polishMessagesAll: TranslationMessages = mergeMessages(
  raPolishMessages,
  appPolish,
  ...features.map((feature) => feature.pl),
);
