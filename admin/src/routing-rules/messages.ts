const en = {
  civicflow: {
    routing: {
      any_event: 'Any event',
      any_district: 'Any district',
      district_office: 'UD · district office of the case’s district',
      district_office_name: 'District office of the case’s district',
      event_help: 'Leave empty for any event (then name a district)',
      district_help: 'Leave empty for any district',
      unit_help: 'Where a new case that matches goes; UD sends it to the office of the case’s district',
      active_help: 'An inactive rule is ignored. Only one active rule per event and district.',
      precedence:
        'The most specific active rule wins: event and district, then event alone, then district alone. Changes apply to the next case routed; cases already routed stay where they are.',
      preview: {
        title: 'Which rule wins?',
        check: 'Check',
        goes_to: 'A new case goes to %{unit}',
        by_rule: 'by rule #%{rule}',
        not_routed: 'Not routed: %{reason}. The case goes to triage.',
      },
    },
  },
  resources: {
    'routing-rules': {
      name: 'Routing rule |||| Routing rules',
      fields: {
        id: 'No.',
        eventCode: 'Event',
        district: 'District',
        unitCode: 'Unit',
        active: 'Active',
        createdAt: 'Created',
      },
    },
  },
};

const pl: typeof en = {
  civicflow: {
    routing: {
      any_event: 'Dowolne zdarzenie',
      any_district: 'Dowolna dzielnica',
      district_office: 'UD · urząd dzielnicy, w której jest sprawa',
      district_office_name: 'Urząd dzielnicy, w której jest sprawa',
      event_help: 'Puste oznacza dowolne zdarzenie (wtedy wskaż dzielnicę)',
      district_help: 'Puste oznacza dowolną dzielnicę',
      unit_help: 'Dokąd trafia nowa pasująca sprawa; UD kieruje ją do urzędu dzielnicy, w której jest sprawa',
      active_help:
        'Nieaktywna reguła jest pomijana. Dla zdarzenia i dzielnicy może być tylko jedna aktywna reguła.',
      precedence:
        'Wygrywa najbardziej szczegółowa aktywna reguła: zdarzenie i dzielnica, potem samo zdarzenie, potem sama dzielnica. Zmiany dotyczą następnej kierowanej sprawy; sprawy już skierowane zostają tam, gdzie są.',
      preview: {
        title: 'Która reguła wygrywa?',
        check: 'Sprawdź',
        goes_to: 'Nowa sprawa trafi do %{unit}',
        by_rule: 'według reguły nr %{rule}',
        not_routed: 'Bez skierowania: %{reason}. Sprawa trafi do weryfikacji.',
      },
    },
  },
  resources: {
    'routing-rules': {
      name: 'Reguła kierowania |||| Reguły kierowania |||| Reguł kierowania',
      fields: {
        id: 'Nr',
        eventCode: 'Zdarzenie',
        district: 'Dzielnica',
        unitCode: 'Jednostka',
        active: 'Aktywna',
        createdAt: 'Utworzona',
      },
    },
  },
};

export const routingRulesMessages = { en, pl };
