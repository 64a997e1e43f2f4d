import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const INBOUND_EMAIL_STATUSES = ['RECEIVED', 'PROCESSED', 'IGNORED', 'FAILED'] as const;
export type InboundEmailStatus = (typeof INBOUND_EMAIL_STATUSES)[number];

/**
 * One message the SMTP listener accepted, stored raw before the relay hears `250`: the relay then
 * forgets it, so this row is the only copy until it has become a case or a reply to one. RECEIVED
 * rows are (re)processed by the listener and its sweeper; `lockedUntil` is the lease that keeps two
 * processes from working on the same row at once.
 */
export const InboundEmail = defineEntity({
  name: 'InboundEmail',
  tableName: 'inbound_emails',
  properties: {
    id: p.uuid().primary(),
    /** The Message-ID header with its angle brackets; a redelivery with the same one is dropped. */
    messageId: p.string().length(998).nullable(),
    /** The From header's address, lower-cased. */
    sender: p.string().length(320).nullable(),
    /** MAIL FROM of the SMTP envelope; empty for a bounce (`MAIL FROM:<>`). */
    envelopeFrom: p.string().length(320),
    recipients: p.json<string[]>(),
    subject: p.text().nullable(),
    raw: p.blob().lazy(true, false),
    sizeBytes: p.integer(),
    receivedAt: p.datetime(),
    status: p.string().$type<InboundEmailStatus>(),
    /** Why it was ignored or failed, what it became, or the last error of a retry. */
    reason: p.text().nullable(),
    caseId: p.uuid().nullable(),
    /** It became a new case (not a reply, not ignored): what the intake quotas count. */
    createdCase: p.boolean().default(false),
    attempts: p.integer().default(0),
    lockedUntil: p.datetime().nullable(),
    processedAt: p.datetime().nullable(),
  },
});
export type InboundEmail = InferEntity<typeof InboundEmail>;
