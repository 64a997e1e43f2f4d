import { Migration } from '@mikro-orm/migrations';

export class Migration20261129130000Announcements extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      -- What the city tells residents on the portal, in its Atom feed and its API: alerts, water
      -- outages, road closures, events and news, each valid for a time and (optionally) in districts.
      -- Districts are names from "districts" (checked by the API: PostgreSQL has no foreign keys
      -- into arrays); an empty array means the whole city.
      create table "announcements" (
        "id" uuid primary key default gen_random_uuid(),
        "kind" varchar(20) not null
          check ("kind" in ('ALERT', 'WATER_OUTAGE', 'ROAD_CLOSURE', 'EVENT', 'NEWS')),
        "title_pl" varchar(200) not null check (length(btrim("title_pl")) > 0),
        "title_en" varchar(200) not null check (length(btrim("title_en")) > 0),
        "body_pl" text not null check (length(btrim("body_pl")) > 0),
        "body_en" text not null check (length(btrim("body_en")) > 0),
        "districts" text[] not null default '{}',
        "valid_from" timestamptz not null,
        "valid_to" timestamptz null,
        "published" boolean not null default false,
        "created_by" varchar(255) not null,
        "updated_by" varchar(255) not null,
        "created_at" timestamptz not null default now(),
        "updated_at" timestamptz not null default now(),
        constraint "announcements_validity" check ("valid_to" is null or "valid_to" > "valid_from")
      );
      -- The portal's question ("what is current now?") reads only published rows by their window.
      create index "announcements_current" on "announcements" ("valid_from", "valid_to") where "published";
      create index "announcements_districts" on "announcements" using gin ("districts");
    `);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "announcements";');
  }
}
