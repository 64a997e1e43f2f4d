import { Migration } from '@mikro-orm/migrations';

/**
 * Residents who follow someone else's public case ("this is my problem too") to be told when it
 * is resolved. Only an address, a language and the token of the unsubscribe link: a follower is
 * not a party to the case and sees only what the public map shows.
 */
export class Migration20261129150000CaseFollowers extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table "case_followers" (
        "id" bigserial primary key,
        "case_id" uuid not null references "cases" ("id") on delete cascade,
        "email" varchar(254) not null,
        "language" varchar(2) not null default 'pl' check ("language" in ('pl', 'en')),
        "unsubscribe_token" varchar(64) not null,
        "created_at" timestamptz not null default now(),
        constraint "case_followers_unsubscribe_token_unique" unique ("unsubscribe_token")
      );
      -- One subscription per address and case however the resident capitalises it; also the
      -- index the per-case count and the mailing read.
      create unique index "case_followers_case_email_unique" on "case_followers" ("case_id", lower("email"));
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "case_followers";`);
  }
}
