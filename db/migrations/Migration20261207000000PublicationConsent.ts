import { Migration } from '@mikro-orm/migrations';

/**
 * Whether the resident agreed, when reporting, that the description may be published with the
 * report. Off for every case filed before the question was asked: nobody agreed to it then.
 */
export class Migration20261207000000PublicationConsent extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "cases" add column "publication_consent" boolean not null default false;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "cases" drop column if exists "publication_consent";`);
  }
}
