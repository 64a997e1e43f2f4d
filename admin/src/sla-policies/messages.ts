const en = {
  civicflow: {
    sla: {
      calendar: {
        BUSINESS: 'Office hours (working days, without holidays)',
        ALWAYS: 'Around the clock',
      },
      calendar_short: { BUSINESS: 'Office hours', ALWAYS: '24/7' },
      scope: { event: 'Event %{event}', default: 'Default for priority %{priority}' },
      duration: {
        minutes: '%{minutes} min',
        hours: '%{hours} h',
        days: '%{smart_count} day (%{hours} h) |||| %{smart_count} days (%{hours} h)',
        working_days: '%{smart_count} working day (%{hours} h) |||| %{smart_count} working days (%{hours} h)',
      },
      applies_to_new:
        'Changes apply to clocks that start from now on (newly routed and reopened cases). Cases already running keep the deadlines they started with.',
      scope_help:
        'A policy times either one event, or, as a default, every case of a priority without a policy of its own',
      event_help: 'Leave empty for a default policy of a priority',
      priority_help: 'Only for a default policy (no event)',
      minutes_help: 'In minutes of the chosen calendar; fractions allowed',
      warn_help: 'Share of the resolution time after which the case is at risk (1–99)',
      escalation_help:
        'Percent of the resolution time for each escalation level, ascending, each at least 100, e.g. 100, 150, 200',
      escalation_invalid: 'Ascending whole percents, each at least 100, separated by commas',
      active_help:
        'Only one active policy per event or priority. The default policy of normal priority stays active.',
    },
  },
  resources: {
    'sla-policies': {
      name: 'SLA policy |||| SLA policies',
      fields: {
        id: 'No.',
        name: 'Name',
        scope: 'Applies to',
        eventCode: 'Event',
        priority: 'Priority',
        isDefault: 'Default policies',
        firstResponseMinutes: 'First response',
        resolutionMinutes: 'Resolution',
        calendar: 'Calendar',
        warnAtPercent: 'Warning at (%)',
        escalationPercents: 'Escalation levels (%)',
        active: 'Active',
        q: 'Search',
      },
    },
  },
};

const pl: typeof en = {
  civicflow: {
    sla: {
      calendar: {
        BUSINESS: 'Godziny pracy urzędu (dni robocze, bez świąt)',
        ALWAYS: 'Całą dobę',
      },
      calendar_short: { BUSINESS: 'Godziny pracy', ALWAYS: 'Całą dobę' },
      scope: { event: 'Zdarzenie %{event}', default: 'Domyślna dla priorytetu %{priority}' },
      duration: {
        minutes: '%{minutes} min',
        hours: '%{hours} h',
        days: '%{smart_count} dzień (%{hours} h) |||| %{smart_count} dni (%{hours} h) |||| %{smart_count} dni (%{hours} h)',
        working_days:
          '%{smart_count} dzień roboczy (%{hours} h) |||| %{smart_count} dni robocze (%{hours} h) |||| %{smart_count} dni roboczych (%{hours} h)',
      },
      applies_to_new:
        'Zmiany dotyczą terminów liczonych od teraz (sprawy nowo skierowane i wznowione). Sprawy w toku zachowują terminy, z którymi wystartowały.',
      scope_help:
        'Polityka dotyczy jednego zdarzenia albo, jako domyślna, wszystkich spraw o danym priorytecie bez własnej polityki',
      event_help: 'Puste oznacza politykę domyślną dla priorytetu',
      priority_help: 'Tylko dla polityki domyślnej (bez zdarzenia)',
      minutes_help: 'W minutach wybranego kalendarza; można podać ułamek',
      warn_help: 'Część czasu realizacji, po której sprawa jest zagrożona (1–99)',
      escalation_help:
        'Procent czasu realizacji dla kolejnych poziomów eskalacji, rosnąco, każdy co najmniej 100, np. 100, 150, 200',
      escalation_invalid:
        'Rosnące całkowite wartości procentowe, każda co najmniej 100, oddzielone przecinkami',
      active_help:
        'Dla zdarzenia lub priorytetu może być tylko jedna aktywna polityka. Domyślna polityka zwykłego priorytetu pozostaje aktywna.',
    },
  },
  resources: {
    'sla-policies': {
      name: 'Polityka SLA |||| Polityki SLA |||| Polityk SLA',
      fields: {
        id: 'Nr',
        name: 'Nazwa',
        scope: 'Dotyczy',
        eventCode: 'Zdarzenie',
        priority: 'Priorytet',
        isDefault: 'Polityki domyślne',
        firstResponseMinutes: 'Pierwsza reakcja',
        resolutionMinutes: 'Realizacja',
        calendar: 'Kalendarz',
        warnAtPercent: 'Ostrzeżenie przy (%)',
        escalationPercents: 'Poziomy eskalacji (%)',
        active: 'Aktywna',
        q: 'Szukaj',
      },
    },
  },
};

export const slaPoliciesMessages = { en, pl };
