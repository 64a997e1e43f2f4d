import { Migration } from '@mikro-orm/migrations';

export class Migration20261129000000CaseWorkflow extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      -- Fractional minutes: a policy can be seconds long (drills, tests), not only whole minutes.
      alter table "sla_policies"
        alter column "first_response_minutes" type double precision,
        alter column "resolution_minutes" type double precision;

      alter table "cases"
        add column "classification_confidence" double precision null,
        add column "suggested_parent_id" uuid null references "cases" ("id"),
        add column "resolved_at" timestamptz null,
        add column "sla_paused_at" timestamptz null,
        add column "sla_policy_id" int null references "sla_policies" ("id");

      -- Duplicate detection looks for open cases of the same event near a place.
      create index "cases_event_open" on "cases" ("event_code", "created_at" desc)
        where "status" not in ('CLOSED', 'CANCELLED', 'MERGED', 'RESOLVED', 'ANSWERED');

      alter table "units"
        add column "webhook_url" varchar(2048) null,
        add column "webhook_secret" varchar(255) null;

      alter table "users" add column "email" varchar(255) null;

      -- What clerks corrected: the classifier learns from these next to its bundled corpus.
      create table "classification_corrections" (
        "id" bigserial primary key,
        "case_id" uuid not null references "cases" ("id") on delete cascade,
        "text" text not null,
        "kind" varchar(255) not null,
        "event_code" varchar(255) null,
        "corrected_by" varchar(255) not null,
        "created_at" timestamptz not null default now()
      );
      create index "classification_corrections_created_at" on "classification_corrections" ("created_at");
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      drop table if exists "classification_corrections";
      alter table "users" drop column if exists "email";
      alter table "units" drop column if exists "webhook_url", drop column if exists "webhook_secret";
      drop index if exists "cases_event_open";
      alter table "cases"
        drop column if exists "classification_confidence",
        drop column if exists "suggested_parent_id",
        drop column if exists "resolved_at",
        drop column if exists "sla_paused_at",
        drop column if exists "sla_policy_id";
      alter table "sla_policies"
        alter column "first_response_minutes" type int,
        alter column "resolution_minutes" type int;
    `);
  }
}
