const en = {
  title: 'Warsaw 19115',
};

const pl: typeof en = {
  title: 'Warszawa 19115',
};

export const homeMessages = { en, pl };
