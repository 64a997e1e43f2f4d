const en = {
  title: 'Track a case',
};

const pl: typeof en = {
  title: 'Sprawdź sprawę',
};

export const trackMessages = { en, pl };
