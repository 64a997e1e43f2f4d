import { Migration } from '@mikro-orm/migrations';

export class Migration20261129020000Attachments extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      -- Residents' photos live in PostgreSQL, so API replicas share them without a shared disk.
      -- "content" holds the image already stripped of its metadata: the original never lands here.
      create table "case_attachments" (
        "id" uuid primary key,
        "case_id" uuid not null references "cases" ("id") on delete cascade,
        "file_name" varchar(255) not null,
        "media_type" varchar(32) not null check ("media_type" in ('image/jpeg', 'image/png', 'image/webp')),
        "size_bytes" integer not null check ("size_bytes" > 0),
        "sha256" varchar(64) not null,
        "content" bytea not null,
        "created_at" timestamptz not null default now(),
        "created_by" varchar(255) not null,
        constraint "case_attachments_size_matches" check ("size_bytes" = octet_length("content"))
      );
      -- JPEG, PNG and WebP are compressed already: TOAST's compression would only spend CPU.
      alter table "case_attachments" alter column "content" set storage external;
      -- A case's photos are listed (and counted against the per-case limit) by case, oldest first.
      create index "case_attachments_case_id_created_at" on "case_attachments" ("case_id", "created_at");
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "case_attachments";`);
  }
}
