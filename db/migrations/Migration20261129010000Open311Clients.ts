import { Migration } from '@mikro-orm/migrations';

export class Migration20261129010000Open311Clients extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      -- Client applications allowed to file Open311 service requests. Only a SHA-256 of each key is
      -- kept: keys are long random secrets, so a leaked table does not let anyone file in their name.
      create table "open311_clients" (
        "id" uuid primary key,
        "name" varchar(200) not null,
        "api_key_hash" varchar(64) not null,
        "active" boolean not null default true,
        "created_at" timestamptz not null default now(),
        "last_used_at" timestamptz null,
        constraint "open311_clients_api_key_hash_unique" unique ("api_key_hash")
      );

      -- What an Open311 client sent beyond the case itself: which client filed it (to trace abuse of
      -- a key), the media URL and the service attributes, which the case row has no columns for.
      create table "open311_requests" (
        "case_id" uuid primary key references "cases" ("id") on delete cascade,
        "client_id" uuid not null references "open311_clients" ("id"),
        "media_url" varchar(2048) null,
        "attributes" jsonb not null default '{}',
        "created_at" timestamptz not null default now()
      );
      create index "open311_requests_client_id" on "open311_requests" ("client_id", "created_at" desc);
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      drop table if exists "open311_requests";
      drop table if exists "open311_clients";
    `);
  }
}
