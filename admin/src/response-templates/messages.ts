const en = {};

const pl: typeof en = {};

export const responseTemplatesMessages = { en, pl };
