const en = {
  civicflow: {
    config_changes: {
      title: 'Configuration history',
      actor_hint: 'Username',
      record_hint: 'Id of the record',
      no_changes: 'No field changed',
      resource: {
        users: 'Users',
        subcategories: 'Subcategories',
        'taxonomy-events': 'Events',
        'routing-rules': 'Routing rules',
        'sla-policies': 'SLA policies',
        units: 'Units',
        'business-hours': 'Office hours',
        'calendar-days': 'Calendar days',
        'response-templates': 'Response templates',
        'knowledge-articles': 'Knowledge articles',
        'knowledge-categories': 'Knowledge categories',
        announcements: 'Announcements',
        'open311-clients': 'Open311 applications',
      },
      action: {
        create: 'Created',
        update: 'Changed',
        delete: 'Removed',
        cancel: 'Cancelled',
        unlock: 'Unlocked',
        'reset-password': 'Password reset',
      },
    },
  },
  resources: {
    'config-changes': {
      name: 'Configuration change |||| Configuration history',
      fields: {
        id: 'No.',
        createdAt: 'When',
        actor: 'Who',
        resource: 'Configuration',
        recordId: 'Record',
        action: 'What',
        changes: 'Changed fields',
        from: 'From',
        to: 'To',
      },
    },
  },
};

const pl: typeof en = {
  civicflow: {
    config_changes: {
      title: 'Historia konfiguracji',
      actor_hint: 'Login',
      record_hint: 'Identyfikator rekordu',
      no_changes: 'Żadne pole się nie zmieniło',
      resource: {
        users: 'Użytkownicy',
        subcategories: 'Podkategorie',
        'taxonomy-events': 'Zdarzenia',
        'routing-rules': 'Reguły kierowania',
        'sla-policies': 'Zasady SLA',
        units: 'Jednostki',
        'business-hours': 'Godziny pracy',
        'calendar-days': 'Dni w kalendarzu',
        'response-templates': 'Szablony odpowiedzi',
        'knowledge-articles': 'Artykuły bazy wiedzy',
        'knowledge-categories': 'Kategorie bazy wiedzy',
        announcements: 'Komunikaty',
        'open311-clients': 'Aplikacje Open311',
      },
      action: {
        create: 'Dodanie',
        update: 'Zmiana',
        delete: 'Usunięcie',
        cancel: 'Anulowanie',
        unlock: 'Odblokowanie',
        'reset-password': 'Zmiana hasła',
      },
    },
  },
  resources: {
    'config-changes': {
      name: 'Zmiana konfiguracji |||| Historia konfiguracji',
      fields: {
        id: 'Nr',
        createdAt: 'Kiedy',
        actor: 'Kto',
        resource: 'Konfiguracja',
        recordId: 'Rekord',
        action: 'Co',
        changes: 'Zmienione pola',
        from: 'Od',
        to: 'Do',
      },
    },
  },
};

export const configChangesMessages = { en, pl };
