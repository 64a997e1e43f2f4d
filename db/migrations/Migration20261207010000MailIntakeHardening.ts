import { Migration } from '@mikro-orm/migrations';

/**
 * Mail intake hardening and retention. A mail naming a case that it may not be threaded into
 * (its sender unauthenticated, the case closed) becomes a new case pointing at the one it names,
 * for a clerk to judge. Quotas count the mails that became cases, so the row says whether it did.
 * Retention marks what it anonymised, so a run after a crash picks up where it stopped.
 */
export class Migration20261207010000MailIntakeHardening extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table "cases" add column "related_case_id" uuid null references "cases" ("id") on delete set null;
      alter table "cases" add column "anonymised_at" timestamptz null;
      -- Retention looks for cases closed long ago and not yet anonymised.
      create index "cases_closed_not_anonymised" on "cases" ("closed_at")
        where "closed_at" is not null and "anonymised_at" is null;

      alter table "chat_sessions" add column "anonymised_at" timestamptz null;

      alter table "inbound_emails" add column "created_case" boolean not null default false;
      update "inbound_emails" set "created_case" = true
        where "status" = 'PROCESSED' and ("reason" like 'new case %' or "reason" like 'case already filed %');
      -- The quotas count the last hour's mail; retention deletes processed mail by age.
      create index "inbound_emails_received_at" on "inbound_emails" ("received_at");
      create index "inbound_emails_processed_at" on "inbound_emails" ("processed_at")
        where "status" <> 'RECEIVED';
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      drop index if exists "inbound_emails_processed_at";
      drop index if exists "inbound_emails_received_at";
      alter table "inbound_emails" drop column if exists "created_case";
      alter table "chat_sessions" drop column if exists "anonymised_at";
      drop index if exists "cases_closed_not_anonymised";
      alter table "cases" drop column if exists "anonymised_at";
      alter table "cases" drop column if exists "related_case_id";
    `);
  }
}
