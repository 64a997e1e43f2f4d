const en = {};

const pl: typeof en = {};

export const routingRulesMessages = { en, pl };
