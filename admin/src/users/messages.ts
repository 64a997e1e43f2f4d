const en = {};

const pl: typeof en = {};

export const usersMessages = { en, pl };
