/**
 * The e-mails a case sends, as pure functions of their data: services/notifications looks the data
 * up and sends, these only word it. Every subject starts with `[#000123/26]`, which the e-mail
 * channel reads to attach a reply to its case. One module per audience (resident-mail.ts,
 * staff-mail.ts; followers in follower-mail.ts), over the shared blocks of mail-render.ts.
 */
export * from './mail-render';
export * from './case-links';
export * from './resident-mail';
export * from './staff-mail';
