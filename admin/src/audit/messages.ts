const en = {};

const pl: typeof en = {};

export const auditMessages = { en, pl };
