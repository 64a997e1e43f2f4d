const en = {
  civicflow: {
    businessCalendar: {
      title: 'Business calendar',
      hours_title: 'Office hours',
      hours_help:
        'SLA deadlines in office hours count only the time the office is open (Warsaw time). Changes apply to deadlines counted from now on; running cases keep theirs.',
      weekday: 'Day of the week',
      open: 'Open',
      closed: 'Closed',
      save_hours: 'Save office hours',
      hours_saved: 'Office hours saved',
      weekdays: {
        1: 'Monday',
        2: 'Tuesday',
        3: 'Wednesday',
        4: 'Thursday',
        5: 'Friday',
        6: 'Saturday',
        7: 'Sunday',
      },
      weekdays_short: { 1: 'Mon', 2: 'Tue', 3: 'Wed', 4: 'Thu', 5: 'Fri', 6: 'Sat', 7: 'Sun' },
      kind: { CLOSED: 'Closed (day off)', OPEN: 'Open (working day)' },
      kind_help:
        'Closed: a working day the office does not open, e.g. a bridge day. Open: a day the office works with its own hours, e.g. a Saturday worked in exchange.',
      name_help: 'Why the day differs, e.g. "Day off for 15 August"',
      time_invalid: 'A time as HH:MM, from 00:00 to 24:00',
      applies_to_new:
        'Applies to SLA deadlines counted from now on (newly routed, reopened and resumed cases). Statutory holidays are closed anyway.',
      holidays_title: 'Statutory holidays %{year}',
      holidays_help: 'Days off by law; the office is closed unless a day above opens it.',
    },
  },
  resources: {
    'calendar-days': {
      name: 'Calendar day |||| Calendar days',
      fields: {
        date: 'Date',
        weekday: 'Day of the week',
        kind: 'Kind',
        name: 'Reason',
        opens: 'Opens',
        closes: 'Closes',
        hours: 'Hours',
        year: 'Year',
      },
    },
  },
};

const pl: typeof en = {
  civicflow: {
    businessCalendar: {
      title: 'Kalendarz pracy',
      hours_title: 'Godziny pracy urzędu',
      hours_help:
        'Terminy SLA liczone w godzinach pracy biegną tylko wtedy, gdy urząd jest otwarty (czas warszawski). Zmiany dotyczą terminów liczonych od teraz; sprawy w toku zachowują swoje.',
      weekday: 'Dzień tygodnia',
      open: 'Otwarte',
      closed: 'Nieczynne',
      save_hours: 'Zapisz godziny pracy',
      hours_saved: 'Zapisano godziny pracy',
      weekdays: {
        1: 'Poniedziałek',
        2: 'Wtorek',
        3: 'Środa',
        4: 'Czwartek',
        5: 'Piątek',
        6: 'Sobota',
        7: 'Niedziela',
      },
      weekdays_short: { 1: 'pon.', 2: 'wt.', 3: 'śr.', 4: 'czw.', 5: 'pt.', 6: 'sob.', 7: 'niedz.' },
      kind: { CLOSED: 'Nieczynne (dzień wolny)', OPEN: 'Czynne (dzień pracy)' },
      kind_help:
        'Nieczynne: dzień roboczy, w którym urząd nie pracuje, np. dzień pomostowy. Czynne: dzień pracy z własnymi godzinami, np. odpracowywana sobota.',
      name_help: 'Powód, np. „Dzień wolny za 15 sierpnia”',
      time_invalid: 'Godzina w formacie GG:MM, od 00:00 do 24:00',
      applies_to_new:
        'Dotyczy terminów SLA liczonych od teraz (sprawy nowo skierowane, wznowione i odwieszone). Święta ustawowe są wolne tak czy inaczej.',
      holidays_title: 'Święta ustawowe %{year}',
      holidays_help: 'Dni wolne z mocy ustawy; urząd jest nieczynny, chyba że dzień powyżej go otwiera.',
    },
  },
  resources: {
    'calendar-days': {
      name: 'Dzień kalendarza |||| Dni kalendarza |||| Dni kalendarza',
      fields: {
        date: 'Data',
        weekday: 'Dzień tygodnia',
        kind: 'Rodzaj',
        name: 'Powód',
        opens: 'Otwarcie',
        closes: 'Zamknięcie',
        hours: 'Godziny',
        year: 'Rok',
      },
    },
  },
};

export const businessCalendarMessages = { en, pl };
