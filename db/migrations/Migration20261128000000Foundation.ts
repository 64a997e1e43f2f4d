import { Migration } from '@mikro-orm/migrations';

export class Migration20261128000000Foundation extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table "districts" (
        "name" varchar(255) primary key,
        "slug" varchar(255) not null unique
      );

      create table "units" (
        "code" varchar(255) primary key,
        "name" varchar(255) not null,
        "name_en" varchar(255) not null,
        "district" varchar(255) null references "districts" ("name"),
        "email" varchar(255) null,
        "active" boolean not null default true
      );

      create table "subcategories" (
        "code" varchar(255) primary key,
        "name" varchar(255) not null,
        "name_en" varchar(255) not null
      );

      create table "taxonomy_events" (
        "code" varchar(255) primary key,
        "subcategory" varchar(255) not null references "subcategories" ("code"),
        "name" varchar(255) not null,
        "name_en" varchar(255) not null,
        "default_unit" varchar(255) not null,
        "priority" varchar(255) not null check ("priority" in ('low', 'normal', 'urgent')),
        "resolution_hours" int not null check ("resolution_hours" > 0),
        "requires_description" boolean not null default false,
        "allows_anonymous" boolean not null default true,
        "active" boolean not null default true
      );

      create table "routing_rules" (
        "id" serial primary key,
        "event_code" varchar(255) null references "taxonomy_events" ("code"),
        "district" varchar(255) null references "districts" ("name"),
        "unit_code" varchar(255) not null,
        "active" boolean not null default true,
        "created_at" timestamptz not null default now()
      );
      create unique index "routing_rules_event_district_unique"
        on "routing_rules" (coalesce("event_code", ''), coalesce("district", '')) where "active";

      create table "sla_policies" (
        "id" serial primary key,
        "name" varchar(255) not null,
        "event_code" varchar(255) null references "taxonomy_events" ("code"),
        "priority" varchar(255) null check ("priority" in ('low', 'normal', 'urgent')),
        "first_response_minutes" int not null check ("first_response_minutes" > 0),
        "resolution_minutes" int not null check ("resolution_minutes" > 0),
        "calendar" varchar(255) not null default 'BUSINESS' check ("calendar" in ('BUSINESS', 'ALWAYS')),
        "warn_at_percent" int not null default 75 check ("warn_at_percent" between 1 and 99),
        "escalation_percents" jsonb not null default '[100, 150, 200]',
        "active" boolean not null default true
      );

      create table "users" (
        "id" uuid primary key,
        "username" varchar(255) not null unique,
        "display_name" varchar(255) not null,
        "role" varchar(255) not null check ("role" in ('ADMIN', 'CLERK', 'UNIT_STAFF', 'MANAGER')),
        "unit_code" varchar(255) null references "units" ("code"),
        "is_supervisor" boolean not null default false,
        "password_hash" varchar(255) not null,
        "active" boolean not null default true,
        "failed_logins" int not null default 0,
        "locked_until" timestamptz null,
        "created_at" timestamptz not null default now(),
        constraint "users_unit_staff_has_unit" check ("role" <> 'UNIT_STAFF' or "unit_code" is not null)
      );

      create table "case_number_counters" (
        "year" int primary key,
        "last_value" int not null
      );

      create table "cases" (
        "id" uuid primary key,
        "number" varchar(255) not null unique,
        "kind" varchar(255) not null,
        "status" varchar(255) not null,
        "event_code" varchar(255) null,
        "unit_code" varchar(255) null,
        "district" varchar(255) null,
        "channel" varchar(255) not null,
        "priority" varchar(255) not null default 'normal',
        "language" varchar(8) not null default 'pl',
        "description" text not null,
        "lat" double precision null,
        "lon" double precision null,
        "street" varchar(255) null,
        "building" varchar(255) null,
        "contact_name" varchar(255) null,
        "contact_email" varchar(255) null,
        "contact_phone" varchar(255) null,
        "idempotency_key" varchar(255) null unique,
        "request_hash" varchar(255) null,
        "sla_state" varchar(255) null,
        "escalation_level" int not null default 0,
        "first_response_due_at" timestamptz null,
        "resolution_due_at" timestamptz null,
        "duplicate_of" uuid null references "cases" ("id"),
        "state_version" int not null default 0,
        "workflow_started_at" timestamptz null,
        "created_at" timestamptz not null default now(),
        "updated_at" timestamptz not null default now(),
        "closed_at" timestamptz null
      );
      create index "cases_created_at_id" on "cases" ("created_at" desc, "id" desc);
      create index "cases_status_created_at" on "cases" ("status", "created_at" desc);
      create index "cases_unit_status" on "cases" ("unit_code", "status");
      -- The reconciler looks for accepted cases whose workflow start was not confirmed.
      create index "cases_workflow_not_started" on "cases" ("created_at") where "workflow_started_at" is null;

      create table "case_events" (
        "id" bigserial primary key,
        "case_id" uuid not null references "cases" ("id") on delete cascade,
        "event_key" varchar(255) not null,
        "type" varchar(255) not null,
        "actor" varchar(255) not null,
        "actor_role" varchar(255) null,
        "status" varchar(255) null,
        "is_public" boolean not null default false,
        "note" text null,
        "payload" jsonb null,
        "created_at" timestamptz not null default now(),
        constraint "case_events_case_id_event_key_unique" unique ("case_id", "event_key")
      );
      create index "case_events_case_id_id" on "case_events" ("case_id", "id");
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      drop table if exists "case_events";
      drop table if exists "cases";
      drop table if exists "case_number_counters";
      drop table if exists "users";
      drop table if exists "sla_policies";
      drop table if exists "routing_rules";
      drop table if exists "taxonomy_events";
      drop table if exists "subcategories";
      drop table if exists "units";
      drop table if exists "districts";
    `);
  }
}
