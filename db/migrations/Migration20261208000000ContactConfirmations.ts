import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 14, case contacts: an address given with a case is mailed updates only once it is proven
 * to be the resident's (the acknowledgement's confirmation link, or a mail whose sender the relay
 * authenticated). Proofs are kept per address, so a resident confirms once for all their cases;
 * `case_id` is the case it was proven with. Mails withheld from an unproven address are recorded
 * as SKIPPED, so operators can tell them from failures.
 */
export class Migration20261208000000ContactConfirmations extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table "contact_confirmations" (
        "email" varchar(320) primary key check ("email" = lower("email")),
        "method" varchar(32) not null check ("method" in ('LINK', 'AUTHENTICATED_MAIL')),
        "case_id" uuid null references "cases" ("id") on delete set null,
        "confirmed_at" timestamptz not null default now()
      );

      alter table "notifications" drop constraint "notifications_status_check";
      alter table "notifications" add constraint "notifications_status_check"
        check ("status" in ('SENDING', 'SENT', 'FAILED', 'SKIPPED'));
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      delete from "notifications" where "status" = 'SKIPPED';
      alter table "notifications" drop constraint "notifications_status_check";
      alter table "notifications" add constraint "notifications_status_check"
        check ("status" in ('SENDING', 'SENT', 'FAILED'));
      drop table if exists "contact_confirmations";
    `);
  }
}
