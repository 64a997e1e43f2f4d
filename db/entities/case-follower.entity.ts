import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A resident following another resident's public case, to be mailed when its status changes.
 * Unique per case and lower-cased address (an index in the migration, as the ORM cannot declare
 * an expression); `unsubscribeToken` is the secret of the link in every mail.
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
  },
});
export type CaseFollower = InferEntity<typeof CaseFollower>;
