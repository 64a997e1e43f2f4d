const en = {};

const pl: typeof en = {};

export const taxonomyMessages = { en, pl };
