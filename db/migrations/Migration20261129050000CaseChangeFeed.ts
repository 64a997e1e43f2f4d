import { Migration } from '@mikro-orm/migrations';

export class Migration20261129050000CaseChangeFeed extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      -- Every write to a case is announced on the channel 'case_changes'; the API listens once and
      -- tells the back offices showing that case (or a list it may be in) to refresh.
      -- previous_unit_code lets the unit a case just left learn that it left.
      create or replace function "civicflow_notify_case_change"() returns trigger
      language plpgsql as $$
      begin
        perform pg_notify('case_changes', json_build_object(
          'id', new."id",
          'number', new."number",
          'status', new."status",
          'unit_code', new."unit_code",
          'previous_unit_code', case when tg_op = 'UPDATE' then old."unit_code" end
        )::text);
        return null;
      end $$;

      create trigger "cases_notify_insert" after insert on "cases"
        for each row execute function "civicflow_notify_case_change"();
      -- An update that changed nothing (a retried projection) wakes no one.
      create trigger "cases_notify_update" after update on "cases"
        for each row when (old.* is distinct from new.*)
        execute function "civicflow_notify_case_change"();

      -- The unit queue and the "overdue" filter: open cases by resolution deadline. The statuses
      -- are OPEN_STATUSES of domain/cases/case-states.ts.
      create index "cases_open_unit_due" on "cases" ("unit_code", "resolution_due_at", "id")
        where "status" in ('NEW', 'TRIAGE', 'FORWARDED', 'IN_PROGRESS', 'WAITING_FOR_RESIDENT');
      create index "cases_open_due" on "cases" ("resolution_due_at", "id")
        where "status" in ('NEW', 'TRIAGE', 'FORWARDED', 'IN_PROGRESS', 'WAITING_FOR_RESIDENT');
      -- Escalated cases are few: the "escalation at least n" filter pages through these alone.
      create index "cases_escalated_created_at" on "cases" ("created_at" desc, "id" desc)
        where "escalation_level" > 0;
      -- Kind and channel filters: a rare value (or one with no cases at all) would otherwise walk
      -- the whole creation-time index looking for a page of matches.
      create index "cases_kind_created_at" on "cases" ("kind", "created_at" desc, "id" desc);
      create index "cases_channel_created_at" on "cases" ("channel", "created_at" desc, "id" desc);
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      drop index if exists "cases_channel_created_at";
      drop index if exists "cases_kind_created_at";
      drop index if exists "cases_escalated_created_at";
      drop index if exists "cases_open_due";
      drop index if exists "cases_open_unit_due";
      drop trigger if exists "cases_notify_update" on "cases";
      drop trigger if exists "cases_notify_insert" on "cases";
      drop function if exists "civicflow_notify_case_change"();
    `);
  }
}
