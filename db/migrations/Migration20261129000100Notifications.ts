import { Migration } from '@mikro-orm/migrations';

export class Migration20261129000100Notifications extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      -- One row per e-mail a case event causes: the unique key is what makes a retried activity
      -- send each mail once, and the status tells a crashed attempt (SENDING) from a delivered one.
      create table "notifications" (
        "id" bigserial primary key,
        "case_id" uuid not null references "cases" ("id") on delete cascade,
        "event_key" varchar(255) not null,
        "recipient" varchar(320) not null,
        "template" varchar(64) not null,
        "status" varchar(16) not null check ("status" in ('SENDING', 'SENT', 'FAILED')),
        "message_id" varchar(512) not null,
        "error" text null,
        "created_at" timestamptz not null default now(),
        "sent_at" timestamptz null,
        constraint "notifications_case_event_recipient_unique" unique ("case_id", "event_key", "recipient")
      );
      -- Operators look for what did not go out.
      create index "notifications_failed" on "notifications" ("created_at") where "status" <> 'SENT';
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "notifications";`);
  }
}
