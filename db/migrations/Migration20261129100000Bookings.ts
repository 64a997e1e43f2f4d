import { Migration } from '@mikro-orm/migrations';

export class Migration20261129100000Bookings extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      -- btree_gist lets one exclusion constraint compare plain columns with = next to time ranges
      -- with &&. It is a trusted extension (PostgreSQL 13+): a database owner may create it.
      create extension if not exists btree_gist;

      create table "booking_offices" (
        "id" serial primary key,
        "code" varchar(64) not null unique,
        "name" varchar(200) not null,
        "address" varchar(300) not null,
        "district" varchar(100) null references "districts" ("name") on update cascade,
        -- WeeklyHours of domain/sla/business-calendar.ts: {"1": [{"start": "08:00", "end": "16:00"}], ...}
        "opening_hours" jsonb not null default '{}',
        "observes_public_holidays" boolean not null default true,
        "active" boolean not null default true,
        "created_at" timestamptz not null default now(),
        "updated_at" timestamptz not null default now()
      );

      create table "booking_services" (
        "id" serial primary key,
        "code" varchar(64) not null unique,
        "name_pl" varchar(200) not null,
        "name_en" varchar(200) not null,
        "duration_minutes" integer not null check ("duration_minutes" between 1 and 480),
        "active" boolean not null default true,
        "created_at" timestamptz not null default now(),
        "updated_at" timestamptz not null default now()
      );

      -- Which office offers which service, and how many desks serve it at once: the service's own
      -- pool of desks at that office.
      create table "booking_office_services" (
        "id" serial primary key,
        "office_id" integer not null references "booking_offices" ("id") on delete cascade,
        "service_id" integer not null references "booking_services" ("id") on delete cascade,
        "desks" integer not null check ("desks" between 1 and 100),
        constraint "booking_office_services_unique" unique ("office_id", "service_id")
      );

      create table "booking_blackout_days" (
        "id" serial primary key,
        "office_id" integer not null references "booking_offices" ("id") on delete cascade,
        "date" date not null,
        "reason" varchar(300) not null default '',
        constraint "booking_blackout_days_unique" unique ("office_id", "date")
      );

      create sequence "booking_reference_seq";

      create table "bookings" (
        "id" uuid primary key,
        "reference" varchar(32) not null unique,
        -- sha256 of the resident's token: the token itself is given out once and never stored.
        "token_hash" varchar(64) not null,
        "office_id" integer not null references "booking_offices" ("id"),
        "service_id" integer not null references "booking_services" ("id"),
        "slot_start" timestamptz not null,
        "slot_end" timestamptz not null,
        "desk" integer not null check ("desk" >= 1),
        "status" varchar(16) not null check ("status" in
          ('HELD', 'CONFIRMED', 'CHECKED_IN', 'NO_SHOW', 'CANCELLED', 'EXPIRED', 'COMPLETED')),
        "channel" varchar(16) not null default 'PORTAL',
        "contact_name" varchar(200) not null,
        "contact_email" varchar(320) null,
        "contact_phone" varchar(32) null,
        "language" varchar(8) not null default 'pl',
        "idempotency_key" varchar(200) null unique,
        "request_hash" varchar(64) null,
        "reschedule_count" integer not null default 0,
        "cancel_reason" text null,
        "created_at" timestamptz not null default now(),
        "updated_at" timestamptz not null default now(),
        "held_until" timestamptz null,
        "confirmed_at" timestamptz null,
        "checked_in_at" timestamptz null,
        "no_show_at" timestamptz null,
        "cancelled_at" timestamptz null,
        "expired_at" timestamptz null,
        "completed_at" timestamptz null,
        constraint "bookings_slot_order" check ("slot_end" > "slot_start"),
        constraint "bookings_contact_reachable" check ("contact_email" is not null or "contact_phone" is not null),
        -- Never double-booked: a desk of a service's pool at an office holds at most one visit at a
        -- time, whatever the application checked before. Cancelled and expired bookings give the
        -- desk back; every other status keeps it. Concurrent inserts of the same desk and time wait
        -- for each other and all but one fail with 23P01.
        constraint "bookings_no_double_booking" exclude using gist (
          "office_id" with =,
          "service_id" with =,
          "desk" with =,
          tstzrange("slot_start", "slot_end", '[)') with &&
        ) where ("status" not in ('CANCELLED', 'EXPIRED'))
      );
      -- The office's day view and the availability count read by office and time.
      create index "bookings_office_slot" on "bookings" ("office_id", "slot_start");
      create index "bookings_created_at" on "bookings" ("created_at");

      -- One row per e-mail a booking event causes; the unique key makes a retried activity send
      -- each mail once (like "notifications" for cases).
      create table "booking_notifications" (
        "id" bigserial primary key,
        "booking_id" uuid not null references "bookings" ("id") on delete cascade,
        "event_key" varchar(255) not null,
        "recipient" varchar(320) not null,
        "template" varchar(64) not null,
        "status" varchar(16) not null check ("status" in ('SENDING', 'SENT', 'FAILED')),
        "message_id" varchar(512) not null,
        "error" text null,
        "created_at" timestamptz not null default now(),
        "sent_at" timestamptz null,
        constraint "booking_notifications_unique" unique ("booking_id", "event_key", "recipient")
      );
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      drop table if exists "booking_notifications";
      drop table if exists "bookings";
      drop sequence if exists "booking_reference_seq";
      drop table if exists "booking_blackout_days";
      drop table if exists "booking_office_services";
      drop table if exists "booking_services";
      drop table if exists "booking_offices";
    `);
  }
}
