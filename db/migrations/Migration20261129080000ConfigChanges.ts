import { Migration } from '@mikro-orm/migrations';

export class Migration20261129080000ConfigChanges extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      -- Who changed the city's configuration (users, taxonomy, routing, SLA policies, units), when
      -- and what: routing and deadlines of every new case follow these rows, so each change is traceable.
      -- Actors are kept by id and username, without a foreign key: the trail outlives accounts.
      create table "config_changes" (
        "id" bigserial primary key,
        "actor_id" uuid null,
        "actor_username" varchar(255) not null,
        "resource" varchar(64) not null,
        "record_id" varchar(255) not null,
        "action" varchar(64) not null,
        "changes" jsonb not null default '{}',
        "created_at" timestamptz not null default now()
      );
      create index "config_changes_record" on "config_changes" ("resource", "record_id", "id" desc);
      create index "config_changes_created_at" on "config_changes" ("created_at" desc);
    `);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "config_changes";');
  }
}
