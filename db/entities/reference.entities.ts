import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** Reference data a city configures: districts, units, the taxonomy of events. */
export const District = defineEntity({
  name: 'District',
  tableName: 'districts',
  properties: {
    name: p.string().primary(),
    slug: p.string().unique(),
  },
});
export type District = InferEntity<typeof District>;

export const Unit = defineEntity({
  name: 'Unit',
  tableName: 'units',
  properties: {
    code: p.string().primary(),
    name: p.string(),
    nameEn: p.string(),
    district: p.string().nullable(),
    email: p.string().nullable(),
    active: p.boolean().default(true),
    /** The unit's own IT system, when it takes cases through the connector (signed JSON webhook). */
    webhookUrl: p.string().nullable(),
    webhookSecret: p.string().nullable().hidden(),
  },
});
export type Unit = InferEntity<typeof Unit>;

export const Subcategory = defineEntity({
  name: 'Subcategory',
  tableName: 'subcategories',
  properties: {
    code: p.string().primary(),
    name: p.string(),
    nameEn: p.string(),
  },
});
export type Subcategory = InferEntity<typeof Subcategory>;

export const CaseEventType = defineEntity({
  name: 'CaseEventType',
  tableName: 'taxonomy_events',
  properties: {
    code: p.string().primary(),
    subcategory: p.string(),
    name: p.string(),
    nameEn: p.string(),
    /** `UD` means the district office of the case's district. */
    defaultUnit: p.string(),
    priority: p.string(),
    resolutionHours: p.integer(),
    requiresDescription: p.boolean().default(false),
    allowsAnonymous: p.boolean().default(true),
    active: p.boolean().default(true),
  },
});
export type CaseEventType = InferEntity<typeof CaseEventType>;

export const RoutingRule = defineEntity({
  name: 'RoutingRule',
  tableName: 'routing_rules',
  properties: {
    id: p.integer().primary().autoincrement(),
    eventCode: p.string().nullable(),
    district: p.string().nullable(),
    /** A unit code, or `UD` for the district office of the case's district. */
    unitCode: p.string(),
    active: p.boolean().default(true),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type RoutingRule = InferEntity<typeof RoutingRule>;

export const SlaPolicy = defineEntity({
  name: 'SlaPolicy',
  tableName: 'sla_policies',
  properties: {
    id: p.integer().primary().autoincrement(),
    name: p.string(),
    eventCode: p.string().nullable(),
    priority: p.string().nullable(),
    firstResponseMinutes: p.double(),
    resolutionMinutes: p.double(),
    /** `BUSINESS` counts office hours in Europe/Warsaw without holidays; `ALWAYS` counts every minute. */
    calendar: p.string().default('BUSINESS'),
    warnAtPercent: p.integer().default(75),
    escalationPercents: p.json<number[]>(),
    active: p.boolean().default(true),
  },
});
export type SlaPolicy = InferEntity<typeof SlaPolicy>;
