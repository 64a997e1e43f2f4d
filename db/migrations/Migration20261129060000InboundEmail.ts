import { Migration } from '@mikro-orm/migrations';

export class Migration20261129060000InboundEmail extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      -- Residents' e-mail, stored raw before the SMTP listener answers 250: once the relay has its
      -- 250 it deletes its copy, so a message not yet turned into a case lives only here.
      create table "inbound_emails" (
        "id" uuid primary key,
        "message_id" varchar(998) null,
        "sender" varchar(320) null,
        "envelope_from" varchar(320) not null,
        "recipients" jsonb not null,
        "subject" text null,
        "raw" bytea not null,
        "size_bytes" integer not null,
        "received_at" timestamptz not null default now(),
        "status" varchar(16) not null default 'RECEIVED'
          check ("status" in ('RECEIVED', 'PROCESSED', 'IGNORED', 'FAILED')),
        "reason" text null,
        "case_id" uuid null references "cases" ("id") on delete set null,
        "attempts" integer not null default 0,
        "locked_until" timestamptz null,
        "processed_at" timestamptz null
      );
      -- A relay that lost our 250 delivers the same message again: one row per Message-ID.
      create unique index "inbound_emails_message_id" on "inbound_emails" ("message_id")
        where "message_id" is not null;
      -- The sweeper looks only at what is still waiting, oldest first.
      create index "inbound_emails_waiting" on "inbound_emails" ("received_at") where "status" = 'RECEIVED';
      create index "inbound_emails_case_id" on "inbound_emails" ("case_id") where "case_id" is not null;
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "inbound_emails";`);
  }
}
