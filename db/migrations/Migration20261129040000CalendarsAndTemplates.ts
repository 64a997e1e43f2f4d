import { Migration } from '@mikro-orm/migrations';

export class Migration20261129040000CalendarsAndTemplates extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      -- Office hours per ISO weekday (1 = Monday), in Warsaw wall-clock time; a weekday with no
      -- times is closed. 24:00 is a valid closing time (PostgreSQL's time type allows it).
      create table "business_hours" (
        "weekday" smallint primary key check ("weekday" between 1 and 7),
        "opens" time(0) null,
        "closes" time(0) null,
        "updated_at" timestamptz not null default now(),
        constraint "business_hours_times" check (
          ("opens" is null and "closes" is null) or ("opens" is not null and "closes" > "opens")
        )
      );
      -- The hours SLA deadlines were computed with before they were configurable
      -- (DEFAULT_WEEKLY_HOURS in domain/sla/business-calendar.ts), so deadlines do not move on upgrade.
      insert into "business_hours" ("weekday", "opens", "closes") values
        (1, '08:00', '16:00'), (2, '08:00', '16:00'), (3, '08:00', '16:00'), (4, '08:00', '16:00'),
        (5, '08:00', '16:00'), (6, null, null), (7, null, null);

      -- Dated exceptions to the weekly hours: a CLOSED bridge day, an OPEN Saturday worked in
      -- exchange (with that day's own hours). Statutory holidays are computed, not stored.
      create table "calendar_days" (
        "id" serial primary key,
        "date" date not null,
        "kind" varchar(6) not null check ("kind" in ('CLOSED', 'OPEN')),
        "name" varchar(200) not null,
        "opens" time(0) null,
        "closes" time(0) null,
        "created_at" timestamptz not null default now(),
        "updated_at" timestamptz not null default now(),
        constraint "calendar_days_date_unique" unique ("date"),
        constraint "calendar_days_times" check (
          ("kind" = 'CLOSED' and "opens" is null and "closes" is null)
          or ("kind" = 'OPEN' and "opens" is not null and "closes" > "opens")
        )
      );

      -- Texts clerks and unit staff start their notes to residents from; {{placeholders}} are
      -- filled from the case in the back office.
      create table "response_templates" (
        "id" uuid primary key default gen_random_uuid(),
        "name" varchar(200) not null,
        "action" varchar(20) not null check ("action" in ('answer', 'resolve', 'request-info', 'any')),
        "language" varchar(2) not null check ("language" in ('pl', 'en')),
        "body" text not null,
        "active" boolean not null default true,
        "created_at" timestamptz not null default now(),
        "updated_at" timestamptz not null default now(),
        constraint "response_templates_name_language_unique" unique ("name", "language")
      );
      create index "response_templates_action" on "response_templates" ("action", "language") where "active";
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      drop table if exists "response_templates";
      drop table if exists "calendar_days";
      drop table if exists "business_hours";
    `);
  }
}
