import { Migration } from '@mikro-orm/migrations';

/**
 * Accounts and the smaller doors of issue 14:
 * - `login_failures`: failed sign-ins per (username, client address), for unknown usernames too,
 *   so a lock never tells whether an account exists and nobody can lock `admin` out from elsewhere;
 * - `users.must_change_password`: a password an administrator set is temporary;
 * - `sessions.last_seen_at` (idle timeout) and `client_address` (the user's own addresses are spared
 *   the slow-down that guessing from many addresses triggers);
 * - `unit_callbacks`: callback ids already taken, so a captured callback cannot be replayed;
 * - `case_followers.confirmed_at` and the hash of the confirmation link's token: followers are
 *   mailed only once the address confirmed it wants to be. Followers from before stay unconfirmed:
 *   nobody ever proved those addresses asked for the mail;
 * - bookings' Idempotency-Keys are stored within their client (`client:<hash>:<key>`), which needs
 *   the width cases already have.
 */
export class Migration20261207020000AccountHardening extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table "login_failures" (
        "username" varchar(100) not null,
        "client_address" varchar(64) not null,
        -- Towards this pair's lock (back to 0 when the lock starts)...
        "failures" integer not null default 0,
        -- ...and towards the username's slow-down, summed over all addresses (kept through locks).
        "recent_failures" integer not null default 0,
        "window_started_at" timestamptz not null default now(),
        "last_failure_at" timestamptz not null default now(),
        "locked_until" timestamptz null,
        primary key ("username", "client_address")
      );
      create index "login_failures_recent" on "login_failures" ("username", "last_failure_at");

      alter table "users" add column "must_change_password" boolean not null default false;

      alter table "sessions"
        add column "last_seen_at" timestamptz not null default now(),
        add column "client_address" varchar(64) null;
      create index "sessions_user_address" on "sessions" ("user_id", "client_address");

      create table "unit_callbacks" (
        "unit_code" varchar(64) not null,
        "callback_id" varchar(200) not null,
        "case_id" uuid not null,
        "received_at" timestamptz not null default now(),
        primary key ("unit_code", "callback_id")
      );
      create index "unit_callbacks_received_at" on "unit_callbacks" ("received_at");

      alter table "case_followers"
        add column "confirmed_at" timestamptz null,
        add column "confirmation_token_hash" varchar(64) null,
        add column "confirmation_sent_at" timestamptz null;
      create unique index "case_followers_confirmation_token_hash_unique"
        on "case_followers" ("confirmation_token_hash") where "confirmation_token_hash" is not null;

      alter table "bookings" alter column "idempotency_key" type varchar(255);
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      alter table "bookings" alter column "idempotency_key" type varchar(200);
      drop index if exists "case_followers_confirmation_token_hash_unique";
      alter table "case_followers"
        drop column if exists "confirmed_at",
        drop column if exists "confirmation_token_hash",
        drop column if exists "confirmation_sent_at";
      drop table if exists "unit_callbacks";
      drop index if exists "sessions_user_address";
      alter table "sessions" drop column if exists "last_seen_at", drop column if exists "client_address";
      alter table "users" drop column if exists "must_change_password";
      drop table if exists "login_failures";
    `);
  }
}
