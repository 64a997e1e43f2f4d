import { Migration } from '@mikro-orm/migrations';

export class Migration20261208010000AttachmentFiles extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      -- Photos' bytes move to files under ATTACHMENTS_DIR, named by the row's id: a full disk there
      -- then refuses photos, not every write of the database. New rows have no "content"; rows
      -- from before keep theirs until "npm run attachments:move-to-disk" writes them out. The size
      -- check still holds for those (a null "content" leaves it unknown, which a check lets pass).
      alter table "case_attachments" alter column "content" drop not null;
    `);
  }

  override async down(): Promise<void> {
    // Going back needs every photo's bytes in the database again: refused while any is only a file.
    this.addSql(`
      do $$ begin
        if exists (select 1 from "case_attachments" where "content" is null) then
          raise exception 'photos stored as files only: copy them back into case_attachments.content first';
        end if;
      end $$;
      alter table "case_attachments" alter column "content" set not null;
    `);
  }
}
