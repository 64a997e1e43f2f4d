const en = {
  skipToContent: 'Skip to content',
  portalName: '{city} 19115',
  tagline: 'City contact center: 24 hours a day',
  nav: {
    label: 'Main menu',
    menu: 'Menu',
    home: 'Home',
    report: 'Report a problem',
    track: 'Track a case',
    map: 'Map of reports',
    help: 'Ask a question',
    book: 'Book a visit',
    announcements: 'Announcements',
    openData: 'Open data',
    chat: 'Chat now',
  },
  chatOffer: {
    text: 'A clerk of the contact center is online now.',
    link: 'Chat with a clerk',
  },
  language: { label: 'Language', pl: 'Polski', en: 'English', switchTo: 'Polski' },
  footer: {
    phone: 'Phone 19115 (24/7)',
    privacy: 'We publish reports without personal data.',
  },
  loading: 'Loading…',
  errors: {
    network: 'We could not reach the city’s server. Check your connection and try again.',
    generic: 'Something went wrong: {message}',
    notFound: 'This page does not exist.',
  },
  actions: {
    back: 'Back',
    next: 'Next',
    send: 'Send',
    cancel: 'Cancel',
    retry: 'Try again',
    search: 'Search',
  },
  required: 'required',
  optional: 'optional',
};

const pl: typeof en = {
  skipToContent: 'Przejdź do treści',
  portalName: '{city} 19115',
  tagline: 'Miejskie centrum kontaktu: całą dobę',
  nav: {
    label: 'Menu główne',
    menu: 'Menu',
    home: 'Strona główna',
    report: 'Zgłoś problem',
    track: 'Sprawdź sprawę',
    map: 'Mapa zgłoszeń',
    help: 'Zadaj pytanie',
    book: 'Umów wizytę',
    announcements: 'Komunikaty',
    openData: 'Otwarte dane',
    chat: 'Czat teraz',
  },
  chatOffer: {
    text: 'Konsultant centrum kontaktu jest teraz dostępny.',
    link: 'Porozmawiaj na czacie',
  },
  language: { label: 'Język', pl: 'Polski', en: 'English', switchTo: 'English' },
  footer: {
    phone: 'Telefon 19115 (całą dobę)',
    privacy: 'Zgłoszenia publikujemy bez danych osobowych.',
  },
  loading: 'Wczytywanie…',
  errors: {
    network: 'Nie udało się połączyć z serwerem miasta. Sprawdź połączenie i spróbuj ponownie.',
    generic: 'Coś poszło nie tak: {message}',
    notFound: 'Nie ma takiej strony.',
  },
  actions: {
    back: 'Wstecz',
    next: 'Dalej',
    send: 'Wyślij',
    cancel: 'Anuluj',
    retry: 'Spróbuj ponownie',
    search: 'Szukaj',
  },
  required: 'wymagane',
  optional: 'opcjonalnie',
};

export const commonMessages = { en, pl };
