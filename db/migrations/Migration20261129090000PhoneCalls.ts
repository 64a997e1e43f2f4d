import { Migration } from '@mikro-orm/migrations';

/**
 * A clerk taking a call sees the caller's earlier cases while the caller is on the line: lookups
 * by e-mail (any case) and by the phone line's last nine digits (however the number was typed)
 * must stay instant on millions of cases. The expressions match those of the caller-history query.
 */
export class Migration20261129090000PhoneCalls extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create index "cases_contact_email_created_at" on "cases" (lower("contact_email"), "created_at" desc)
        where "contact_email" is not null;
      create index "cases_contact_phone_created_at"
        on "cases" (right(regexp_replace("contact_phone", '[^0-9]', '', 'g'), 9), "created_at" desc)
        where "contact_phone" is not null;
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      drop index if exists "cases_contact_phone_created_at";
      drop index if exists "cases_contact_email_created_at";
    `);
  }
}
