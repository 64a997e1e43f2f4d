const en = {
  title: 'Report a problem',
};

const pl: typeof en = {
  title: 'Zgłoś problem',
};

export const reportMessages = { en, pl };
