import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A resident's 1–5 rating of a resolved case, one per case (rating again replaces it). The unit and
 * event are the case's at rating time, so statistics stay with the unit that resolved it.
 */
export const CaseRating = defineEntity({
  name: 'CaseRating',
  tableName: 'case_ratings',
  properties: {
    caseId: p.uuid().primary(),
    score: p.smallint(),
    comment: p.text().nullable(),
    unitCode: p.string().nullable(),
    eventCode: p.string().nullable(),
    ratedAt: p.datetime(),
  },
});
export type CaseRating = InferEntity<typeof CaseRating>;
