const en = {};

const pl: typeof en = {};

export const dashboardMessages = { en, pl };
