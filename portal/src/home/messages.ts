const en = {
  title: 'Warsaw 19115',
  intro:
    'Report a problem in the city, follow your case, ask a question or book a visit at an office – day and night.',
  alerts: 'Alerts and announcements',
  moreAnnouncements: 'All current announcements',
  noAlerts: 'No alerts for the city at the moment.',
  actionsHeading: 'What would you like to do?',
  report: {
    title: 'Report a problem',
    text: 'A pothole, a broken street lamp, rubbish, a parked car blocking the way: in three steps.',
  },
  track: {
    title: 'Track a case',
    text: 'Check the status of your report with its number and tracking code.',
  },
  ask: {
    title: 'Ask a question',
    label: 'What do you want to know?',
    hint: 'For example: residence registration, parking zone, bulky waste',
    placeholder: 'Search the answers of City Hall',
    button: 'Search',
  },
  book: {
    title: 'Book a visit',
    text: 'Choose an office, a service and a time that suits you.',
  },
  map: {
    title: 'Map of reports',
    text: 'See what others have reported nearby and what has been fixed.',
  },
  phone: {
    title: 'Call 19115',
    text: 'The city contact center answers 24 hours a day, 7 days a week.',
    link: 'Call 19115',
  },
};

const pl: typeof en = {
  title: 'Warszawa 19115',
  intro:
    'Zgłoś problem w mieście, sprawdź, co dzieje się z Twoją sprawą, zadaj pytanie lub umów wizytę w urzędzie – całą dobę.',
  alerts: 'Ostrzeżenia i komunikaty',
  moreAnnouncements: 'Wszystkie aktualne komunikaty',
  noAlerts: 'Obecnie nie ma ostrzeżeń dla miasta.',
  actionsHeading: 'Co chcesz zrobić?',
  report: {
    title: 'Zgłoś problem',
    text: 'Dziura w jezdni, niedziałająca latarnia, śmieci, źle zaparkowany samochód – w trzech krokach.',
  },
  track: {
    title: 'Sprawdź sprawę',
    text: 'Sprawdź stan zgłoszenia po jego numerze i kodzie śledzenia.',
  },
  ask: {
    title: 'Zadaj pytanie',
    label: 'Czego chcesz się dowiedzieć?',
    hint: 'Na przykład: meldunek, strefa płatnego parkowania, odbiór gabarytów',
    placeholder: 'Szukaj w odpowiedziach urzędu',
    button: 'Szukaj',
  },
  book: {
    title: 'Umów wizytę',
    text: 'Wybierz urząd, sprawę i dogodny termin.',
  },
  map: {
    title: 'Mapa zgłoszeń',
    text: 'Zobacz, co zgłosili inni w okolicy i co już naprawiono.',
  },
  phone: {
    title: 'Zadzwoń pod 19115',
    text: 'Miejskie Centrum Kontaktu odbiera telefony całą dobę, 7 dni w tygodniu.',
    link: 'Zadzwoń: 19115',
  },
};

export const homeMessages = { en, pl };
