import type { Orm } from '../orm';
import districts from '../seed-data/warsaw/districts.json';
import units from '../seed-data/warsaw/units.json';
import taxonomy from '../seed-data/warsaw/taxonomy.json';
import { seedBookingReferenceData } from './seed-booking-data';
import { seedKnowledgeBase } from './seed-knowledge-base';
import { seedResponseTemplates } from './seed-response-templates';

/** First-response targets by priority; resolution targets come from the taxonomy's hours. */
const FIRST_RESPONSE = {
  urgent: { minutes: 60, calendar: 'ALWAYS' },
  normal: { minutes: 240, calendar: 'BUSINESS' },
  low: { minutes: 480, calendar: 'BUSINESS' },
} as const;

export function slugify(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export interface SeedReport {
  districts: number;
  units: number;
  subcategories: number;
  events: number;
  routingRules: number;
  slaPolicies: number;
  bookingOffices: number;
  bookingServices: number;
  responseTemplates: number;
  knowledgeCategories: number;
  knowledgeArticles: number;
}

/**
 * The Warsaw reference data: districts, units, the taxonomy, a routing rule and an SLA policy per
 * event, and the default response templates. Rows that exist are left alone, so what administrators
 * changed survives every start.
 */
export async function seedReferenceData(orm: Orm): Promise<SeedReport> {
  const em = orm.em.fork();
  return em.transactional(async (tx) => {
    const run = async (sql: string, params: unknown[]) => {
      const result = await tx.execute<{ affectedRows?: number }>(sql, params, 'run');
      return result.affectedRows ?? 0;
    };
    const report: SeedReport = {
      districts: 0,
      units: 0,
      subcategories: 0,
      events: 0,
      routingRules: 0,
      slaPolicies: 0,
      bookingOffices: 0,
      bookingServices: 0,
      responseTemplates: 0,
      knowledgeCategories: 0,
      knowledgeArticles: 0,
    };
    for (const name of districts) {
      report.districts += await run(
        'insert into districts (name, slug) values (?, ?) on conflict do nothing',
        [name, slugify(name)],
      );
    }
    for (const unit of units as { code: string; name: string; en: string; district?: string }[]) {
      report.units += await run(
        'insert into units (code, name, name_en, district) values (?, ?, ?, ?) on conflict do nothing',
        [unit.code, unit.name, unit.en, unit.district ?? null],
      );
    }
    for (const sub of taxonomy.subcategories) {
      report.subcategories += await run(
        'insert into subcategories (code, name, name_en) values (?, ?, ?) on conflict do nothing',
        [sub.code, sub.name, sub.nameEn],
      );
    }
    for (const event of taxonomy.events) {
      report.events += await run(
        `insert into taxonomy_events (code, subcategory, name, name_en, default_unit, priority, resolution_hours)
         values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing`,
        [
          event.code,
          event.subcategory,
          event.name,
          event.nameEn,
          event.defaultUnit,
          event.priority,
          event.resolutionHours,
        ],
      );
      report.routingRules += await run(
        `insert into routing_rules (event_code, district, unit_code)
         select ?, null, ? where not exists (select 1 from routing_rules where event_code = ?)`,
        [event.code, event.defaultUnit, event.code],
      );
      const first = FIRST_RESPONSE[event.priority as keyof typeof FIRST_RESPONSE];
      report.slaPolicies += await run(
        `insert into sla_policies (name, event_code, first_response_minutes, resolution_minutes, calendar)
         select ?, ?, ?, ?, ? where not exists (select 1 from sla_policies where event_code = ?)`,
        [
          `${event.nameEn}`,
          event.code,
          first.minutes,
          event.resolutionHours * 60,
          first.calendar,
          event.code,
        ],
      );
    }
    // Fallbacks for cases without an event (questions, suggestions, complaints), by priority.
    for (const [priority, first] of Object.entries(FIRST_RESPONSE)) {
      report.slaPolicies += await run(
        `insert into sla_policies (name, priority, first_response_minutes, resolution_minutes, calendar)
         select ?, ?, ?, ?, ? where not exists (select 1 from sla_policies where event_code is null and priority = ?)`,
        [`Default (${priority})`, priority, first.minutes, 14 * 8 * 60, 'BUSINESS', priority],
      );
    }
    report.responseTemplates = await seedResponseTemplates(tx);
    Object.assign(report, await seedBookingReferenceData(tx));
    Object.assign(report, await seedKnowledgeBase(tx));
    return report;
  });
}
