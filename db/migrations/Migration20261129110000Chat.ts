import { Migration } from '@mikro-orm/migrations';

/**
 * Live chat. Every message is stored (with its number within the session) before anyone is told
 * of it, so a client that reconnects asks for what came after the last number it saw. A client's
 * own message id makes a resend after a lost acknowledgement count once. Clerks' presence is a row
 * per open back-office socket with a heartbeat, so every API replica sees the same availability.
 */
export class Migration20261129110000Chat extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table "chat_sessions" (
        "id" uuid primary key,
        "resident_token_hash" varchar(64) not null,
        "resident_name" varchar(200) null,
        "resident_email" varchar(254) null,
        "language" varchar(2) not null default 'pl' check ("language" in ('pl', 'en')),
        "status" varchar(20) not null default 'WAITING'
          check ("status" in ('WAITING', 'ACTIVE', 'CLOSED', 'LEFT_MESSAGE')),
        "clerk_id" uuid null references "users" ("id"),
        "clerk_username" varchar(255) null,
        -- The name the resident sees for the clerk.
        "clerk_name" varchar(255) null,
        "last_seq" int not null default 0,
        "created_at" timestamptz not null default now(),
        "taken_at" timestamptz null,
        "closed_at" timestamptz null,
        "resident_seen_at" timestamptz not null default now(),
        "resident_left_at" timestamptz null,
        "case_id" uuid null references "cases" ("id"),
        "outcome" varchar(20) null check ("outcome" in ('CASE', 'ANSWERED', 'ABANDONED', 'MESSAGE_LEFT')),
        constraint "chat_sessions_closed_has_outcome"
          check (("status" in ('CLOSED', 'LEFT_MESSAGE')) = ("outcome" is not null)),
        constraint "chat_sessions_active_has_clerk" check ("status" <> 'ACTIVE' or "clerk_id" is not null)
      );
      -- The clerks' live queue: open chats, oldest first.
      create index "chat_sessions_open_created_at" on "chat_sessions" ("created_at")
        where "status" in ('WAITING', 'ACTIVE');
      create index "chat_sessions_created_at" on "chat_sessions" ("created_at" desc);
      create index "chat_sessions_resident_email" on "chat_sessions" (lower("resident_email"))
        where "resident_email" is not null;

      create table "chat_messages" (
        "id" bigserial primary key,
        "session_id" uuid not null references "chat_sessions" ("id") on delete cascade,
        "seq" int not null,
        "client_id" varchar(64) null,
        "sender" varchar(10) not null check ("sender" in ('RESIDENT', 'CLERK', 'SYSTEM')),
        "author" varchar(255) null,
        "text" text not null,
        "created_at" timestamptz not null default now(),
        constraint "chat_messages_session_seq" unique ("session_id", "seq"),
        constraint "chat_messages_session_client_id" unique ("session_id", "client_id")
      );

      create table "chat_clerk_presence" (
        "connection_id" uuid primary key,
        "user_id" uuid not null references "users" ("id") on delete cascade,
        "username" varchar(255) not null,
        "last_seen_at" timestamptz not null default now()
      );
      create index "chat_clerk_presence_last_seen_at" on "chat_clerk_presence" ("last_seen_at");
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      drop table if exists "chat_clerk_presence";
      drop table if exists "chat_messages";
      drop table if exists "chat_sessions";
    `);
  }
}
