import { Migration } from '@mikro-orm/migrations';

export class Migration20261128010000Sessions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table "sessions" (
        "id" uuid primary key,
        "user_id" uuid not null references "users" ("id") on delete cascade,
        "created_at" timestamptz not null default now(),
        "expires_at" timestamptz not null,
        "revoked_at" timestamptz null
      );
      create index "sessions_user_id" on "sessions" ("user_id");
    `);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "sessions";');
  }
}
