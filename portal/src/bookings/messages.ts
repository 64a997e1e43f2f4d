const en = {
  title: 'Book a visit',
};

const pl: typeof en = {
  title: 'Umów wizytę',
};

export const bookingsMessages = { en, pl };
