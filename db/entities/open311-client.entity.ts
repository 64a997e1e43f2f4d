import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A client application allowed to file Open311 service requests, managed in the back office.
 * The key itself is shown once when issued and never stored: only its SHA-256 is.
 */
export const Open311Client = defineEntity({
  name: 'Open311Client',
  tableName: 'open311_clients',
  properties: {
    id: p.uuid().primary(),
    name: p.string(),
    apiKeyHash: p.string().unique().hidden(),
    active: p.boolean().default(true),
    createdAt: p.datetime().onCreate(() => new Date()),
    lastUsedAt: p.datetime().nullable(),
  },
});
export type Open311Client = InferEntity<typeof Open311Client>;

/** The Open311 side of a case filed through it: the client that filed it and what the case row has no room for. */
export const Open311Request = defineEntity({
  name: 'Open311Request',
  tableName: 'open311_requests',
  properties: {
    caseId: p.uuid().primary(),
    clientId: p.uuid(),
    mediaUrl: p.string().nullable(),
    /** Attribute code to the values sent, as the service definition names them. */
    attributes: p.json<Record<string, string[]>>(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type Open311Request = InferEntity<typeof Open311Request>;
