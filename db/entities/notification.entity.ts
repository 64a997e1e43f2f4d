import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** SKIPPED: withheld on purpose (an unconfirmed contact address), not to be retried. */
export const NOTIFICATION_STATUSES = ['SENDING', 'SENT', 'FAILED', 'SKIPPED'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/**
 * One e-mail caused by one case event for one recipient. The unique (caseId, eventKey, recipient)
 * makes a retried activity send each mail once; `messageId` is deterministic, so a mail resent
 * after a crash between SMTP and the SENT mark can be recognised as the same message downstream.
 */
export const Notification = defineEntity({
  name: 'Notification',
  tableName: 'notifications',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    caseId: p.uuid(),
    eventKey: p.string(),
    recipient: p.string(),
    template: p.string(),
    status: p.string().$type<NotificationStatus>(),
    messageId: p.string(),
    error: p.text().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    sentAt: p.datetime().nullable(),
  },
  uniques: [{ properties: ['caseId', 'eventKey', 'recipient'] }],
});
export type Notification = InferEntity<typeof Notification>;
