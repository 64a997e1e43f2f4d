const en = {
  title: 'Open data',
};

const pl: typeof en = {
  title: 'Otwarte dane',
};

export const openDataMessages = { en, pl };
