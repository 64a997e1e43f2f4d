import { Migration } from '@mikro-orm/migrations';

export class Migration20261129140000CaseRatings extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      -- A resident's rating of how a case was resolved: one per case, replaced when rated again.
      -- unit_code and event_code are copied when the resident rates, so the statistics credit the
      -- unit that did the work even if the case later moves (a reopened case sent elsewhere).
      -- No foreign keys to units or the taxonomy: the figures outlive a unit's or event's removal.
      create table "case_ratings" (
        "case_id" uuid primary key references "cases" ("id") on delete cascade,
        "score" smallint not null check ("score" between 1 and 5),
        "comment" text null check (char_length("comment") <= 1000),
        "unit_code" varchar(255) null,
        "event_code" varchar(255) null,
        "rated_at" timestamptz not null default now()
      );
      -- The dashboard reads a period of ratings city-wide or for one unit.
      create index "case_ratings_rated_at" on "case_ratings" ("rated_at");
      create index "case_ratings_unit_rated_at" on "case_ratings" ("unit_code", "rated_at");
    `);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "case_ratings";');
  }
}
