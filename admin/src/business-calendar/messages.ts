const en = {};

const pl: typeof en = {};

export const businessCalendarMessages = { en, pl };
