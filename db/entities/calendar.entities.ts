import { randomUUID } from 'node:crypto';
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * Office hours of one ISO weekday (1 = Monday) in Warsaw wall-clock time, as `HH:MM:SS` strings the
 * way PostgreSQL's time type reads and writes them; both null when the office is closed that day.
 */
export const BusinessHours = defineEntity({
  name: 'BusinessHours',
  tableName: 'business_hours',
  properties: {
    weekday: p.integer().primary().autoincrement(false),
    opens: p.time().nullable().$type<string | null>(),
    closes: p.time().nullable().$type<string | null>(),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type BusinessHours = InferEntity<typeof BusinessHours>;

/** A dated exception to the weekly hours: a CLOSED bridge day or an OPEN day with its own hours. */
export const CalendarDay = defineEntity({
  name: 'CalendarDay',
  tableName: 'calendar_days',
  properties: {
    id: p.integer().primary().autoincrement(),
    /** Local date, `YYYY-MM-DD`. */
    date: p.date().unique(),
    kind: p.string().$type<'CLOSED' | 'OPEN'>(),
    name: p.string(),
    opens: p.time().nullable().$type<string | null>(),
    closes: p.time().nullable().$type<string | null>(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type CalendarDay = InferEntity<typeof CalendarDay>;

/** A text a note to a resident starts from, for one case action (or any) in one language. */
export const ResponseTemplate = defineEntity({
  name: 'ResponseTemplate',
  tableName: 'response_templates',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    name: p.string(),
    action: p.string().$type<'answer' | 'resolve' | 'request-info' | 'any'>(),
    language: p.string().$type<'pl' | 'en'>(),
    body: p.text(),
    active: p.boolean().default(true),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type ResponseTemplate = InferEntity<typeof ResponseTemplate>;
