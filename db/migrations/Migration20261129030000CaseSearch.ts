import { Migration } from '@mikro-orm/migrations';

export class Migration20261129030000CaseSearch extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create extension if not exists unaccent;

      -- PostgreSQL has no Polish dictionary: 'simple' plus unaccent, so "zoliborz" finds "Żoliborz".
      do $$ begin
        if not exists (select 1 from pg_ts_config where cfgname = 'civicflow_simple') then
          create text search configuration civicflow_simple (copy = simple);
          alter text search configuration civicflow_simple
            alter mapping for hword, hword_part, word with unaccent, simple;
        end if;
      end $$;

      -- A generated column needs an immutable expression; to_tsvector with a named configuration is one.
      alter table "cases" add column "search_vector" tsvector generated always as (
        to_tsvector('civicflow_simple'::regconfig,
          coalesce("number", '') || ' ' || coalesce("description", '') || ' ' ||
          coalesce("street", '') || ' ' || coalesce("district", ''))
      ) stored;
      create index "cases_search_vector" on "cases" using gin ("search_vector");

      -- Lists filter by one of these and page by creation time: one index per common filter.
      create index "cases_unit_created_at" on "cases" ("unit_code", "created_at" desc, "id" desc);
      create index "cases_district_created_at" on "cases" ("district", "created_at" desc, "id" desc);
      create index "cases_event_created_at" on "cases" ("event_code", "created_at" desc, "id" desc);
      create index "cases_sla_state_created_at" on "cases" ("sla_state", "created_at" desc, "id" desc)
        where "sla_state" is not null;
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      drop index if exists "cases_sla_state_created_at";
      drop index if exists "cases_event_created_at";
      drop index if exists "cases_district_created_at";
      drop index if exists "cases_unit_created_at";
      drop index if exists "cases_search_vector";
      alter table "cases" drop column if exists "search_vector";
      drop text search configuration if exists civicflow_simple;
    `);
  }
}
