import { Migration } from '@mikro-orm/migrations';

export class Migration20261129070000Statistics extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      -- The dashboard counts open cases by SLA state and lists those nearest their deadline, for the
      -- city and per unit: small partial indexes over open cases only, read without the table.
      create index "cases_open_sla_due" on "cases" ("sla_state", "resolution_due_at")
        where "status" in ('NEW', 'TRIAGE', 'FORWARDED', 'IN_PROGRESS', 'WAITING_FOR_RESIDENT');
      create index "cases_open_unit_sla_due" on "cases" ("unit_code", "sla_state", "resolution_due_at")
        where "status" in ('NEW', 'TRIAGE', 'FORWARDED', 'IN_PROGRESS', 'WAITING_FOR_RESIDENT');

      -- On-time rates count resolved cases by day of resolution, per unit and SLA outcome.
      create index "cases_resolved_at" on "cases" ("resolved_at") include ("unit_code", "sla_state")
        where "resolved_at" is not null;

      -- Volumes over time group a range of filing times by channel, kind, district, event or unit:
      -- covered by the index, so a year of cases is counted without reading the (wide) table.
      create index "cases_created_at_dimensions" on "cases" ("created_at")
        include ("channel", "kind", "district", "event_code", "unit_code");

      -- Breaches and escalations today and this week; the audit view lists events newest first,
      -- filtered by type, actor or time: each filter walks its index in that order and stops early.
      create index "case_events_type_created_at" on "case_events" ("type", "created_at", "id");
      create index "case_events_actor_created_at" on "case_events" ("actor", "created_at", "id");
      create index "case_events_created_at" on "case_events" ("created_at", "id");
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      drop index if exists "case_events_actor_created_at";
      drop index if exists "case_events_created_at";
      drop index if exists "case_events_type_created_at";
      drop index if exists "cases_created_at_dimensions";
      drop index if exists "cases_resolved_at";
      drop index if exists "cases_open_unit_sla_due";
      drop index if exists "cases_open_sla_due";
    `);
  }
}
