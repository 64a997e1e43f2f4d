const en = {};

const pl: typeof en = {};

export const slaPoliciesMessages = { en, pl };
