import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A resident following another resident's public case, to be mailed when its status changes.
 * Unique per case and lower-cased address (an index in the migration, as the ORM cannot declare
 * an expression); `unsubscribeToken` is the secret of the link in every mail. An address is
 * mailed about the case only after it confirmed (double opt-in), so nobody can subscribe a stranger.
 */
export const CaseFollower = defineEntity({
  name: 'CaseFollower',
  tableName: 'case_followers',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    caseId: p.uuid(),
    email: p.string(),
    language: p.string().$type<'pl' | 'en'>().default('pl'),
    unsubscribeToken: p.string().unique(),
    createdAt: p.datetime().onCreate(() => new Date()),
    /** Null until the address confirmed through the link mailed to it: until then it gets nothing else. */
    confirmedAt: p.datetime().nullable(),
    /** SHA-256 of the confirmation link's token (the token itself is only in the mail). */
    confirmationTokenHash: p.string().nullable(),
    confirmationSentAt: p.datetime().nullable(),
  },
});
export type CaseFollower = InferEntity<typeof CaseFollower>;
