import { createHash } from 'node:crypto';
import { writeAttachmentFile } from '../services/attachments/attachment-store';
import { effectiveDatabaseUrl, loadConfig } from '../config/config';
import { createOrm } from '../db/orm';

/** Rows per round: at most 50 photos of 10 MB in memory at once. */
const BATCH = 50;

/**
 * Moves the bytes of photos stored before they became files out of PostgreSQL into ATTACHMENTS_DIR:
 * `npm run attachments:move-to-disk`. Each photo is written (atomically) before its row's bytes are
 * cleared, and only if they still hash to the row's sha256, so a run cut short at any point is
 * finished by the next one, and a run with nothing left to move changes nothing. The API serves
 * both kinds meanwhile, so it may run while the city works. Afterwards `VACUUM FULL case_attachments`
 * gives the space back to the disk.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.length > 0) throw new Error(`unknown argument ${args.join(' ')} (takes none)`);
  const config = loadConfig();
  const orm = createOrm(effectiveDatabaseUrl(config));
  const db = orm.em.fork().getConnection();
  try {
    const [{ n: total, bytes: totalBytes }] = await db.execute<{ n: number; bytes: string | null }[]>(
      'select count(*)::int as n, sum(size_bytes)::bigint as bytes from case_attachments where content is not null',
    );
    console.log(
      `[attachments] ${total} photo(s), ${formatBytes(Number(totalBytes ?? 0))}, to move into ${config.attachmentsDir}`,
    );
    let moved = 0;
    let movedBytes = 0;
    let skipped = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await db.execute<{ id: string; sha256: string; content: Buffer }[]>(
        `select id, sha256, content from case_attachments
         where content is not null and id > ? order by id limit ?`,
        [after, BATCH],
      );
      if (rows.length === 0) break;
      for (const row of rows) {
        after = row.id;
        if (createHash('sha256').update(row.content).digest('hex') !== row.sha256) {
          // Never replace the only copy with bytes that are not the photo the row describes.
          console.warn(`[attachments] ${row.id}: bytes do not match sha256, left in the database`);
          skipped += 1;
          continue;
        }
        await writeAttachmentFile(config.attachmentsDir, row.id, row.content);
        await db.execute('update case_attachments set content = null where id = ? and sha256 = ?', [
          row.id,
          row.sha256,
        ]);
        moved += 1;
        movedBytes += row.content.length;
      }
      console.log(`[attachments] moved ${moved}/${total} (${formatBytes(movedBytes)})`);
    }
    console.log(
      `[attachments] done: ${moved} moved, ${skipped} left in the database` +
        (moved > 0 ? '; run VACUUM FULL case_attachments to give the space back' : ''),
    );
  } finally {
    await orm.close();
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${bytes} B`;
}

main().catch((error: unknown) => {
  console.error('[attachments] failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
