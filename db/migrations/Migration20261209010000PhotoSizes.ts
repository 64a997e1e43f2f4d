import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 22, photos through libvips: each photo is re-encoded at upload and kept in three sizes,
 * the original as before (`<id>` under ATTACHMENTS_DIR) with a thumbnail and a screen size beside
 * it (`<id>.thumb`, `<id>.screen`, WebP). The row records the upright dimensions and the smaller
 * sizes' byte counts; rows from before have none of them (null) until their photo is re-encoded,
 * on first view of a smaller size or by `npm run attachments:reencode`.
 */
export class Migration20261209010000PhotoSizes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table "case_attachments"
        add column "width" int null check ("width" > 0),
        add column "height" int null check ("height" > 0),
        add column "thumbnail_bytes" int null check ("thumbnail_bytes" > 0),
        add column "screen_bytes" int null check ("screen_bytes" > 0);
    `);
  }

  override async down(): Promise<void> {
    // The files of the smaller sizes stay behind: harmless, and removed with their photo.
    this.addSql(`
      alter table "case_attachments"
        drop column "width",
        drop column "height",
        drop column "thumbnail_bytes",
        drop column "screen_bytes";
    `);
  }
}
