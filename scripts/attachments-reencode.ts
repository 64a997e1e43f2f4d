import { effectiveDatabaseUrl, loadConfig } from '../config/config';
import { createOrm } from '../db/orm';
import { reencodeStoredPhoto, type ReencodeOutcome } from '../services/attachments/reencode-stored-photo';

/** Photos per round of the id-ordered walk. */
const BATCH = 100;

/**
 * Runs the photos stored before issue 22 (their metadata removed byte by byte, no smaller sizes)
 * through the upload's pipeline: `npm run attachments:reencode`. Each is re-encoded, gets its
 * thumbnail and screen size, and moves out of the database on the way if it was still there
 * (services/attachments/reencode-stored-photo.ts). The back office does the same for one photo
 * the first time a smaller size of it is shown, so this only saves those first viewers the wait;
 * it may run while the city works, and run again: a re-encoded photo is never touched twice.
 * Photos libvips refuses stay as they are and are listed; their original is shown for every size.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.length > 0) throw new Error(`unknown argument ${args.join(' ')} (takes none)`);
  const config = loadConfig();
  const orm = createOrm(effectiveDatabaseUrl(config));
  const db = orm.em.fork().getConnection();
  try {
    const [{ n: total }] = await db.execute<{ n: number }[]>(
      'select count(*)::int as n from case_attachments where thumbnail_bytes is null',
    );
    console.log(`[attachments] ${total} photo(s) stored before photos had sizes`);
    const counts: Record<ReencodeOutcome, number> = { REENCODED: 0, ALREADY: 0, GONE: 0, REFUSED: 0 };
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await db.execute<{ id: string }[]>(
        'select id from case_attachments where thumbnail_bytes is null and id > ? order by id limit ?',
        [after, BATCH],
      );
      if (rows.length === 0) break;
      for (const { id } of rows) {
        after = id;
        const outcome = await reencodeStoredPhoto(orm, config.attachmentsDir, config.photos, id);
        counts[outcome] += 1;
        if (outcome === 'REFUSED') console.warn(`[attachments] ${id}: libvips refuses it, left as it is`);
      }
      console.log(`[attachments] re-encoded ${counts.REENCODED}/${total}`);
    }
    console.log(
      `[attachments] done: ${counts.REENCODED} re-encoded, ${counts.REFUSED} refused (left as they were), ` +
        `${counts.ALREADY + counts.GONE} done meanwhile by a viewer or deleted`,
    );
  } finally {
    await orm.close();
  }
}

main().catch((error: unknown) => {
  console.error('[attachments] failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
