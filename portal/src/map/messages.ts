const en = {
  title: 'Map of reports',
};

const pl: typeof en = {
  title: 'Mapa zgłoszeń',
};

export const mapMessages = { en, pl };
