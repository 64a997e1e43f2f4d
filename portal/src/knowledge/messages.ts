const en = {
  title: 'Ask a question',
};

const pl: typeof en = {
  title: 'Zadaj pytanie',
};

export const knowledgeMessages = { en, pl };
