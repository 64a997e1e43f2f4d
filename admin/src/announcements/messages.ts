const en = {
  civicflow: {
    announcements: {
      kind: {
        ALERT: 'Alert',
        WATER_OUTAGE: 'Water outage',
        ROAD_CLOSURE: 'Road closure',
        EVENT: 'Event',
        NEWS: 'News',
      },
      state: {
        current: 'Current',
        scheduled: 'Scheduled',
        expired: 'Expired',
        draft: 'Not published',
      },
      whole_city: 'Whole city',
      until_withdrawn: 'until withdrawn',
      polish: 'Polish',
      english: 'English',
      districts_help: 'Leave empty for the whole city',
      valid_to_help: 'Leave empty to show it until it is withdrawn',
      published_help: 'Residents see it between the two dates only when it is published',
      valid_to_order: 'Must be later than the start',
      feed_help:
        'Residents see current announcements on the portal and in the Atom feed; alerts and water outages come first.',
    },
  },
  resources: {
    announcements: {
      name: 'Announcement |||| Announcements',
      fields: {
        kind: 'Kind',
        title: 'Title',
        'title.pl': 'Title (Polish)',
        'title.en': 'Title (English)',
        'body.pl': 'Text (Polish)',
        'body.en': 'Text (English)',
        districts: 'Districts',
        district: 'District',
        validFrom: 'Valid from',
        validTo: 'Valid until',
        published: 'Published',
        state: 'State',
        updatedBy: 'Changed by',
        updatedAt: 'Changed',
        q: 'Search',
      },
    },
  },
};

const pl: typeof en = {
  civicflow: {
    announcements: {
      kind: {
        ALERT: 'Ostrzeżenie',
        WATER_OUTAGE: 'Przerwa w dostawie wody',
        ROAD_CLOSURE: 'Utrudnienia drogowe',
        EVENT: 'Wydarzenie',
        NEWS: 'Aktualność',
      },
      state: {
        current: 'Aktualny',
        scheduled: 'Zaplanowany',
        expired: 'Wygasły',
        draft: 'Nieopublikowany',
      },
      whole_city: 'Całe miasto',
      until_withdrawn: 'do odwołania',
      polish: 'Polski',
      english: 'Angielski',
      districts_help: 'Pozostaw puste, jeśli komunikat dotyczy całego miasta',
      valid_to_help: 'Pozostaw puste, aby komunikat był widoczny do odwołania',
      published_help: 'Mieszkańcy widzą komunikat między tymi datami tylko wtedy, gdy jest opublikowany',
      valid_to_order: 'Musi być późniejsza niż data początku',
      feed_help:
        'Mieszkańcy widzą aktualne komunikaty w portalu i w kanale Atom; ostrzeżenia i przerwy w dostawie wody są na początku.',
    },
  },
  resources: {
    announcements: {
      name: 'Komunikat |||| Komunikaty |||| Komunikatów',
      fields: {
        kind: 'Rodzaj',
        title: 'Tytuł',
        'title.pl': 'Tytuł (polski)',
        'title.en': 'Tytuł (angielski)',
        'body.pl': 'Treść (polska)',
        'body.en': 'Treść (angielska)',
        districts: 'Dzielnice',
        district: 'Dzielnica',
        validFrom: 'Obowiązuje od',
        validTo: 'Obowiązuje do',
        published: 'Opublikowany',
        state: 'Stan',
        updatedBy: 'Zmienił(a)',
        updatedAt: 'Zmieniono',
        q: 'Szukaj',
      },
    },
  },
};

export const announcementsMessages = { en, pl };
