const en = {
  civicflow: {
    taxonomy: {
      priority: { low: 'Low', normal: 'Normal', urgent: 'Urgent' },
      code_help: 'Capital letters, digits and _; it cannot be changed later',
      default_unit_help:
        'The unit that gets these reports in any district, or UD for the district office of the report’s district. Exceptions per district are routing rules.',
      resolution_help: 'The resolution time promised to residents (Open311 and the portal show it)',
      requires_description_help: 'Residents must describe the problem',
      allows_anonymous_help: 'Residents may report without contact data',
      active_help: 'An inactive event is not offered to residents and new reports of it are refused',
    },
  },
  resources: {
    subcategories: {
      name: 'Subcategory |||| Subcategories',
      fields: { code: 'Code', name: 'Name', nameEn: 'Name (English)', eventCount: 'Events', q: 'Search' },
    },
    'taxonomy-events': {
      name: 'Event |||| Events',
      fields: {
        code: 'Code',
        subcategory: 'Subcategory',
        name: 'Name',
        nameEn: 'Name (English)',
        defaultUnit: 'Default unit',
        priority: 'Priority',
        resolutionHours: 'Resolution (hours)',
        requiresDescription: 'Description required',
        allowsAnonymous: 'Anonymous allowed',
        active: 'Active',
        q: 'Search',
      },
    },
  },
};

const pl: typeof en = {
  civicflow: {
    taxonomy: {
      priority: { low: 'Niski', normal: 'Zwykły', urgent: 'Pilny' },
      code_help: 'Wielkie litery, cyfry i _; później nie można go zmienić',
      default_unit_help:
        'Jednostka, która dostaje te zgłoszenia w każdej dzielnicy, albo UD dla urzędu dzielnicy, w której jest zgłoszenie. Wyjątki dla dzielnic to reguły kierowania.',
      resolution_help: 'Czas realizacji obiecany mieszkańcom (pokazują go portal i Open311)',
      requires_description_help: 'Mieszkańcy muszą opisać problem',
      allows_anonymous_help: 'Mieszkańcy mogą zgłaszać bez danych kontaktowych',
      active_help:
        'Nieaktywne zdarzenie nie jest proponowane mieszkańcom, a nowe zgłoszenia z nim są odrzucane',
    },
  },
  resources: {
    subcategories: {
      name: 'Podkategoria |||| Podkategorie |||| Podkategorii',
      fields: {
        code: 'Kod',
        name: 'Nazwa',
        nameEn: 'Nazwa (angielska)',
        eventCount: 'Zdarzenia',
        q: 'Szukaj',
      },
    },
    'taxonomy-events': {
      name: 'Zdarzenie |||| Zdarzenia |||| Zdarzeń',
      fields: {
        code: 'Kod',
        subcategory: 'Podkategoria',
        name: 'Nazwa',
        nameEn: 'Nazwa (angielska)',
        defaultUnit: 'Jednostka domyślna',
        priority: 'Priorytet',
        resolutionHours: 'Realizacja (godziny)',
        requiresDescription: 'Wymagany opis',
        allowsAnonymous: 'Anonimowe zgłoszenia',
        active: 'Aktywne',
        q: 'Szukaj',
      },
    },
  },
};

export const taxonomyMessages = { en, pl };
