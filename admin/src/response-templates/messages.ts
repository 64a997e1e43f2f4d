const en = {
  civicflow: {
    responseTemplates: {
      action: {
        answer: 'Answer',
        resolve: 'Resolve',
        'request-info': 'Ask for information',
        any: 'Any of these',
      },
      language: { pl: 'Polish', en: 'English' },
      action_help: 'The case action whose note the template starts',
      placeholders_help:
        'Placeholders filled from the case when the template is used: %{placeholders}. Mark with … what the sender adds.',
      unknown_placeholders: 'Unknown placeholder %{names}; use %{known}',
      active_help: 'Clerks and unit staff see only active templates',
      use_template: 'Use template',
      unfilled:
        'The case has no value for %{placeholders} yet: replace it in the note by hand before sending.',
    },
  },
  resources: {
    'response-templates': {
      name: 'Response template |||| Response templates',
      fields: {
        name: 'Name',
        action: 'Action',
        language: 'Language',
        body: 'Text',
        active: 'Active',
        updatedAt: 'Changed',
        q: 'Search',
      },
    },
  },
};

const pl: typeof en = {
  civicflow: {
    responseTemplates: {
      action: {
        answer: 'Odpowiedź',
        resolve: 'Załatwienie',
        'request-info': 'Prośba o informacje',
        any: 'Każda z nich',
      },
      language: { pl: 'polski', en: 'angielski' },
      action_help: 'Czynność w sprawie, której notatkę rozpoczyna szablon',
      placeholders_help:
        'Pola uzupełniane danymi sprawy przy użyciu szablonu: %{placeholders}. Znakiem … oznacz to, co dopisuje wysyłający.',
      unknown_placeholders: 'Nieznane pole %{names}; dostępne: %{known}',
      active_help: 'Pracownicy centrum kontaktu i jednostek widzą tylko aktywne szablony',
      use_template: 'Użyj szablonu',
      unfilled:
        'Sprawa nie ma jeszcze wartości dla %{placeholders}: przed wysłaniem uzupełnij notatkę ręcznie.',
    },
  },
  resources: {
    'response-templates': {
      name: 'Szablon odpowiedzi |||| Szablony odpowiedzi |||| Szablonów odpowiedzi',
      fields: {
        name: 'Nazwa',
        action: 'Czynność',
        language: 'Język',
        body: 'Treść',
        active: 'Aktywny',
        updatedAt: 'Zmieniono',
        q: 'Szukaj',
      },
    },
  },
};

export const responseTemplatesMessages = { en, pl };
