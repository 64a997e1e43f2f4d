import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { CaseEventTypeName } from '../../domain/cases/case-events';
import type { CaseKind, CaseStatus, Channel, Priority, SlaState } from '../../domain/cases/case-states';

/**
 * The read model of a case. The workflow owns the state; this row is its projection, written by
 * activities with `stateVersion` guarding against out-of-order writes.
 */
export const Case = defineEntity({
  name: 'Case',
  tableName: 'cases',
  properties: {
    id: p.uuid().primary(),
    number: p.string().unique(),
    kind: p.string().$type<CaseKind>(),
    status: p.string().$type<CaseStatus>(),
    eventCode: p.string().nullable(),
    unitCode: p.string().nullable(),
    district: p.string().nullable(),
    channel: p.string().$type<Channel>(),
    priority: p.string().$type<Priority>().default('normal'),
    language: p.string().default('pl'),
    description: p.text(),
    /** The resident agreed, when reporting, that the description may be published with the report. */
    publicationConsent: p.boolean().default(false),
    lat: p.double().nullable(),
    lon: p.double().nullable(),
    street: p.string().nullable(),
    building: p.string().nullable(),
    contactName: p.string().nullable(),
    contactEmail: p.string().nullable(),
    contactPhone: p.string().nullable(),
    idempotencyKey: p.string().nullable().unique(),
    requestHash: p.string().nullable(),
    slaState: p.string().$type<SlaState>().nullable(),
    escalationLevel: p.integer().default(0),
    firstResponseDueAt: p.datetime().nullable(),
    resolutionDueAt: p.datetime().nullable(),
    duplicateOf: p.uuid().nullable(),
    suggestedParentId: p.uuid().nullable(),
    /** The case a mail named but could not be added to (sender unauthenticated, case closed): a clerk judges. */
    relatedCaseId: p.uuid().nullable(),
    classificationConfidence: p.double().nullable(),
    resolvedAt: p.datetime().nullable(),
    slaPausedAt: p.datetime().nullable(),
    slaPolicyId: p.integer().nullable(),
    stateVersion: p.integer().default(0),
    workflowStartedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()),
    closedAt: p.datetime().nullable(),
    /** When retention removed the case's personal data (RETENTION_CLOSED_CASE_MONTHS after closing). */
    anonymisedAt: p.datetime().nullable(),
  },
});
export type Case = InferEntity<typeof Case>;

/** One line of a case's timeline and audit trail. `eventKey` makes appends idempotent. */
export const CaseEvent = defineEntity({
  name: 'CaseEvent',
  tableName: 'case_events',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    caseId: p.uuid(),
    eventKey: p.string(),
    type: p.string().$type<CaseEventTypeName>(),
    actor: p.string(),
    actorRole: p.string().nullable(),
    status: p.string().nullable(),
    isPublic: p.boolean().default(false),
    note: p.text().nullable(),
    payload: p.json<Record<string, unknown>>().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  uniques: [{ properties: ['caseId', 'eventKey'] }],
});
export type CaseEvent = InferEntity<typeof CaseEvent>;

/** A clerk's correction of the classifier's guess: training data for the next model. */
export const ClassificationCorrection = defineEntity({
  name: 'ClassificationCorrection',
  tableName: 'classification_corrections',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    caseId: p.uuid(),
    text: p.text(),
    kind: p.string(),
    eventCode: p.string().nullable(),
    correctedBy: p.string(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type ClassificationCorrection = InferEntity<typeof ClassificationCorrection>;
