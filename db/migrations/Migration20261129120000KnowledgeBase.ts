import { Migration } from '@mikro-orm/migrations';

export class Migration20261129120000KnowledgeBase extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table "knowledge_categories" (
        "code" varchar(40) primary key check ("code" ~ '^[A-Z][A-Z0-9_]{1,39}$'),
        "name_pl" varchar(200) not null,
        "name_en" varchar(200) not null,
        "position" integer not null default 0,
        "created_at" timestamptz not null default now(),
        "updated_at" timestamptz not null default now()
      );

      -- array_to_string is only STABLE (element output functions could in theory change), which a
      -- generated column refuses; for text[] the result never changes, so this wrapper may say IMMUTABLE.
      create or replace function knowledge_keywords_text(keywords text[]) returns text
        language sql immutable parallel safe
        as $$ select coalesce(array_to_string(keywords, ' '), '') $$;

      -- The slug is the article's address in the portal (/portal/help/<slug>), so it is URL-safe.
      create table "knowledge_articles" (
        "id" uuid primary key default gen_random_uuid(),
        "slug" varchar(120) not null check ("slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        "category_code" varchar(40) not null
          references "knowledge_categories" ("code") on update cascade on delete restrict,
        "title_pl" varchar(200) not null,
        "title_en" varchar(200) not null,
        "summary_pl" varchar(500) not null,
        "summary_en" varchar(500) not null,
        "body_pl" text not null,
        "body_en" text not null,
        "keywords" text[] not null default '{}',
        "published" boolean not null default true,
        "created_at" timestamptz not null default now(),
        "updated_at" timestamptz not null default now(),
        constraint "knowledge_articles_slug_unique" unique ("slug"),
        -- One vector per language, weighted title A, keywords B, summary C, body D: the search ranks
        -- in the resident's language. 'civicflow_simple' (CaseSearch) has no stemming but strips
        -- diacritics, so "dowod" finds "dowód"; the API adds prefix stems for Polish endings.
        "search_pl" tsvector generated always as (
          setweight(to_tsvector('civicflow_simple'::regconfig, "title_pl"), 'A') ||
          setweight(to_tsvector('civicflow_simple'::regconfig, knowledge_keywords_text("keywords")), 'B') ||
          setweight(to_tsvector('civicflow_simple'::regconfig, "summary_pl"), 'C') ||
          setweight(to_tsvector('civicflow_simple'::regconfig, "body_pl"), 'D')
        ) stored,
        "search_en" tsvector generated always as (
          setweight(to_tsvector('civicflow_simple'::regconfig, "title_en"), 'A') ||
          setweight(to_tsvector('civicflow_simple'::regconfig, knowledge_keywords_text("keywords")), 'B') ||
          setweight(to_tsvector('civicflow_simple'::regconfig, "summary_en"), 'C') ||
          setweight(to_tsvector('civicflow_simple'::regconfig, "body_en"), 'D')
        ) stored
      );
      create index "knowledge_articles_search_pl" on "knowledge_articles" using gin ("search_pl");
      create index "knowledge_articles_search_en" on "knowledge_articles" using gin ("search_en");
      create index "knowledge_articles_category" on "knowledge_articles" ("category_code") where "published";

      -- What the seed has ever inserted: an article or category the city deleted stays deleted at the
      -- next start, while ones added to the seed later still arrive.
      create table "knowledge_seed_log" (
        "item" varchar(200) primary key,
        "seeded_at" timestamptz not null default now()
      );
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      drop table if exists "knowledge_seed_log";
      drop table if exists "knowledge_articles";
      drop function if exists knowledge_keywords_text(text[]);
      drop table if exists "knowledge_categories";
    `);
  }
}
