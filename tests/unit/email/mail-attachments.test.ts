import { crc32, deflateSync } from 'node:zlib';
import { MAX_DESCRIPTION_CHARS, caseDescription } from '../../../intake/email/mail-description';
import { selectPhotos } from '../../../intake/email/mail-photos';
import type { IncomingAttachment } from '../../../intake/email/parse-incoming-mail';
import { DEFAULT_PHOTO_SETTINGS } from '../../../domain/attachments/photo-limits';

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real 1x1 PNG; `comment` adds a tEXt chunk, metadata the intake must strip. */
function png(comment?: string): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header[8] = 8;
  header[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    ...(comment ? [chunk('tEXt', Buffer.from(`Comment\0${comment}`, 'latin1'))] : []),
    chunk('IDAT', deflateSync(Buffer.from([0, 255, 0, 0]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const attachment = (overrides: Partial<IncomingAttachment>): IncomingAttachment => ({
  fileName: 'zdjecie.png',
  contentType: 'image/png',
  inline: false,
  content: png(),
  ...overrides,
});

describe('selectPhotos', () => {
  it('keeps images by their bytes, stripped of metadata, and lists the rest with a reason', async () => {
    const { photos, skipped } = await selectPhotos(
      [
        attachment({ fileName: 'dziura.png', content: png('GPS 52.2297 21.0122') }),
        attachment({
          fileName: 'skan.pdf',
          contentType: 'application/pdf',
          content: Buffer.from('%PDF-1.7\n'),
        }),
        attachment({
          fileName: 'udaje.jpg',
          contentType: 'image/jpeg',
          content: Buffer.from('not an image'),
        }),
      ],
      DEFAULT_PHOTO_SETTINGS,
    );
    expect(photos.map((p) => [p.fileName, p.mediaType])).toEqual([['dziura.png', 'image/png']]);
    expect(photos[0].bytes.toString('latin1')).not.toContain('52.2297');
    expect(skipped).toEqual([
      { fileName: 'skan.pdf', reason: 'nie jest obrazem JPEG, PNG ani WebP' },
      { fileName: 'udaje.jpg', reason: 'nie jest obrazem JPEG, PNG ani WebP' },
    ]);
  });

  it('takes at most five, attached images before ones inline in the HTML', async () => {
    const inline = attachment({ fileName: 'logo.png', inline: true });
    const attached = Array.from({ length: 5 }, (_, i) => attachment({ fileName: `foto-${i}.png` }));
    const { photos, skipped } = await selectPhotos([inline, ...attached], DEFAULT_PHOTO_SETTINGS);
    expect(photos.map((p) => p.fileName)).toEqual(attached.map((a) => a.fileName));
    expect(skipped).toEqual([{ fileName: 'logo.png', reason: 'sprawa przyjmuje najwyżej 5 zdjęć' }]);
  });

  it('refuses an image over 10 MB like the API does', async () => {
    const big = Buffer.concat([png(), Buffer.alloc(10 * 1024 * 1024)]);
    expect((await selectPhotos([attachment({ content: big })], DEFAULT_PHOTO_SETTINGS)).skipped).toEqual([
      { fileName: 'zdjecie.png', reason: 'większy niż 10 MB' },
    ]);
  });
});

describe('the case description of an e-mail', () => {
  it('is the subject, the body and the attachments left out', () => {
    expect(
      caseDescription('Dziura w jezdni', 'Na Puławskiej 12.', [
        { fileName: 'a.pdf', reason: 'nie jest obrazem' },
      ]),
    ).toBe('Dziura w jezdni\n\nNa Puławskiej 12.\n\nPominięte załączniki: a.pdf (nie jest obrazem)');
  });

  it("is cut to the API's limit in the body, keeping the subject and the list", () => {
    const text = caseDescription('Temat', 'x'.repeat(10_000), [
      { fileName: 'b.doc', reason: 'nie jest obrazem' },
    ]);
    expect(text.length).toBeLessThanOrEqual(MAX_DESCRIPTION_CHARS);
    expect(text.startsWith('Temat\n\nxxx')).toBe(true);
    expect(text.endsWith('b.doc (nie jest obrazem)')).toBe(true);
  });

  it('says the message was empty rather than being empty, and drops control characters', () => {
    expect(caseDescription('', '', [])).toBe('(wiadomość bez treści)');
    expect(caseDescription('A\u0007B', 'C\u0000D', [])).toBe('AB\n\nCD');
  });
});
