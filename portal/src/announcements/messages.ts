const en = {
  title: 'City announcements',
};

const pl: typeof en = {
  title: 'Komunikaty miasta',
};

export const announcementsMessages = { en, pl };
