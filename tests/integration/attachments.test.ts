import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { attachmentPath, writeAttachmentFile } from '../../services/attachments/attachment-store';
import { reencodeStoredPhoto } from '../../services/attachments/reencode-stored-photo';
import { metadataBlocks } from '../support/images';
import { caseIdOfNumber, startTestApp, type TestApp } from '../support/integration';

/**
 * Residents add photos to their case with its tracking token; staff get them back, re-encoded,
 * without the location the camera wrote into them, in three sizes. Every refusal leaves the
 * database as it was. No worker runs here: the cases' workflows are started but need not run.
 */
describe('photos of a case', () => {
  let fixture: TestApp;

  beforeAll(async () => {
    fixture = await startTestApp({ demoUsers: true, config: { INTAKE_RATE_LIMIT_PER_MINUTE: '1000' } });
  });
  afterAll(async () => {
    await fixture?.close();
  });

  // Images ---------------------------------------------------------------------------------------

  const ascii = (text: string) => Buffer.from(text, 'latin1');
  const u16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };

  /** Exif's TIFF structure with a GPS IFD placing the photo at 52°13'48" N, 21°0'36" E. */
  function tiffWithGps(): Buffer {
    const entry = (tag: number, type: number, count: number, value: Buffer) =>
      Buffer.concat([
        u16(tag),
        u16(type),
        u32(count),
        Buffer.concat([value, Buffer.alloc(4)]).subarray(0, 4),
      ]);
    const rationals = (values: number[]) => Buffer.concat(values.flatMap((v) => [u32(v), u32(1)]));
    const gpsOffset = 8 + 18;
    const dataOffset = gpsOffset + 2 + 4 * 12 + 4;
    return Buffer.concat([
      ascii('MM\0*'),
      u32(8),
      u16(1),
      entry(0x8825, 4, 1, u32(gpsOffset)),
      u32(0),
      u16(4),
      entry(0x0001, 2, 2, ascii('N\0')),
      entry(0x0002, 5, 3, u32(dataOffset)),
      entry(0x0003, 2, 2, ascii('E\0')),
      entry(0x0004, 5, 3, u32(dataOffset + 24)),
      u32(0),
      rationals([52, 13, 48]),
      rationals([21, 0, 36]),
    ]);
  }

  const segment = (marker: number, payload: Buffer) =>
    Buffer.concat([Buffer.from([0xff, marker]), u16(payload.length + 2), payload]);
  const huffmanTable = (tableClass: number) =>
    segment(0xc4, Buffer.concat([Buffer.from([tableClass << 4, 1]), Buffer.alloc(15), Buffer.from([0])]));

  /** An 8x8 grey baseline JPEG: what must come back, pixel for pixel, once the metadata is gone. */
  const CLEAN_JPEG = Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, Buffer.concat([ascii('JFIF\0'), Buffer.from([1, 1, 0, 0, 1, 0, 1, 0, 0])])),
    segment(0xdb, Buffer.concat([Buffer.from([0]), Buffer.alloc(64, 1)])),
    segment(0xc0, Buffer.from([8, 0, 8, 0, 8, 1, 1, 0x11, 0])),
    huffmanTable(0),
    huffmanTable(1),
    segment(0xda, Buffer.from([1, 1, 0x00, 0, 63, 0])),
    Buffer.from([0x3f, 0xff, 0xd9]),
  ]);
  /** The same image as a phone would send it: Exif with GPS and a comment right after SOI. */
  const GPS_JPEG = Buffer.concat([
    CLEAN_JPEG.subarray(0, 2),
    segment(0xe1, Buffer.concat([ascii('Exif\0\0'), tiffWithGps()])),
    segment(0xfe, ascii('taken at home')),
    CLEAN_JPEG.subarray(2),
  ]);

  const chunk = (type: string, data: Buffer) =>
    Buffer.concat([u32(data.length), ascii(type), data, u32(crc32(Buffer.concat([ascii(type), data])))]);
  const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const CLEAN_PNG = Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', Buffer.concat([u32(1), u32(1), Buffer.from([8, 0, 0, 0, 0])])),
    chunk('IDAT', deflateSync(Buffer.from([0, 0x80]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  const GPS_PNG = Buffer.concat([
    CLEAN_PNG.subarray(0, 33),
    chunk('eXIf', tiffWithGps()),
    chunk('tEXt', ascii('Comment\0taken at home')),
    CLEAN_PNG.subarray(33),
  ]);

  async function expectNoLocation(bytes: Buffer): Promise<void> {
    expect(bytes.includes(ascii('Exif'))).toBe(false);
    expect(bytes.includes(ascii('eXIf'))).toBe(false);
    expect(bytes.includes(Buffer.from([0x88, 0x25]))).toBe(false);
    expect(bytes.includes(Buffer.concat([u32(52), u32(1), u32(13)]))).toBe(false);
    expect(bytes.includes(ascii('at home'))).toBe(false);
    expect(await metadataBlocks(bytes)).toEqual([]);
  }

  /** The image's size and its pixels, to compare what was sent with what is served. */
  async function pixels(bytes: Buffer): Promise<{ width: number; height: number; data: number[] }> {
    const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, data: [...data] };
  }

  async function expectSamePixels(actual: Buffer, expected: Buffer): Promise<void> {
    const [a, e] = await Promise.all([pixels(actual), pixels(expected)]);
    expect([a.width, a.height]).toEqual([e.width, e.height]);
    expect(Math.max(...a.data.map((value, i) => Math.abs(value - e.data[i])))).toBeLessThanOrEqual(2);
  }

  /** A photo as a phone takes it: 2000 x 1500, grainy, with the position in Exif. */
  async function phonePhoto(): Promise<Buffer> {
    const grain = await sharp({
      create: {
        width: 2000,
        height: 1500,
        channels: 3,
        background: '#808080',
        noise: { type: 'gaussian', mean: 128, sigma: 30 },
      },
    })
      .raw()
      .toBuffer();
    return sharp(grain, { raw: { width: 2000, height: 1500, channels: 3 } })
      .jpeg({ quality: 92 })
      .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 13/1 48/1' } })
      .toBuffer();
  }

  // Requests -------------------------------------------------------------------------------------

  interface Part {
    name: string;
    bytes: Buffer;
    field?: string;
    type?: string;
  }

  /** A multipart/form-data body as a browser sends it (no form-data library needed). */
  function multipart(parts: Part[], fields: Record<string, string> = {}) {
    const boundary = `----civicflow${randomUUID().replace(/-/g, '')}`;
    const chunks: Buffer[] = [];
    for (const [name, value] of Object.entries(fields)) {
      chunks.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
      );
    }
    for (const part of parts) {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${part.field ?? 'photos'}"; ` +
            `filename="${part.name}"\r\nContent-Type: ${part.type ?? 'image/jpeg'}\r\n\r\n`,
        ),
        part.bytes,
        Buffer.from('\r\n'),
      );
    }
    chunks.push(Buffer.from(`--${boundary}--\r\n`));
    return {
      payload: Buffer.concat(chunks),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    };
  }

  interface FiledCase {
    id: string;
    number: string;
    slug: string;
    token: string;
  }

  async function fileCase(): Promise<FiledCase> {
    const response = await fixture.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      payload: {
        kind: 'INCIDENT',
        eventCode: 'STREETLIGHT_OUT',
        description: 'Latarnia nie świeci, zdjęcia w załączeniu',
        district: 'Wola',
      },
    });
    expect(response.statusCode).toBe(201);
    const body = response.json<{ number: string; trackingToken: string }>();
    return {
      id: await caseIdOfNumber(fixture.orm, body.number),
      number: body.number,
      slug: body.number.replace('/', '-'),
      token: body.trackingToken,
    };
  }

  function upload(filed: FiledCase, parts: Part[], options: { token?: string } = {}) {
    return fixture.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${filed.slug}/attachments?token=${options.token ?? filed.token}`,
      ...multipart(parts),
    });
  }

  /** Every stored photo's id and digest: a refusal must leave this exactly as it was. */
  async function storedPhotos(): Promise<string[]> {
    const rows = await fixture.orm.em
      .fork()
      .execute<{ id: string; sha256: string }[]>('select id, sha256 from case_attachments order by id');
    return rows.map((row) => `${row.id}:${row.sha256}`);
  }

  async function expectRefused(
    request: () => Promise<{ statusCode: number; json: () => unknown }>,
    status: number,
    expected: Record<string, unknown>,
  ) {
    const before = await storedPhotos();
    const response = await request();
    expect(response.statusCode).toBe(status);
    expect(response.json()).toMatchObject({ statusCode: status, ...expected });
    expect(await storedPhotos()).toEqual(before);
  }

  async function bearer(username: string): Promise<{ authorization: string }> {
    return { authorization: await fixture.authorization(username) };
  }

  // Tests ----------------------------------------------------------------------------------------

  it('strips GPS Exif from an uploaded photo before staff can download it', async () => {
    const filed = await fileCase();
    const response = await upload(filed, [
      { name: 'IMG_0001.jpg', bytes: GPS_JPEG },
      { name: 'screenshot.png', bytes: GPS_PNG, type: 'image/png' },
    ]);
    expect(response.statusCode).toBe(201);
    const uploaded = response.json<{
      number: string;
      attachments: { id: string; fileName: string; mediaType: string; sizeBytes: number }[];
    }>();
    expect(uploaded.number).toBe(filed.number);
    expect(uploaded.attachments).toEqual([
      {
        id: expect.any(String),
        fileName: 'IMG_0001.jpg',
        mediaType: 'image/jpeg',
        sizeBytes: expect.any(Number),
      },
      {
        id: expect.any(String),
        fileName: 'screenshot.png',
        mediaType: 'image/png',
        sizeBytes: expect.any(Number),
      },
    ]);

    // Nothing with a location is kept, not even on the disk (the row holds no bytes at all): the
    // original's re-encoded copy and its two smaller sizes, and nothing else.
    const [stored] = await fixture.orm.em.fork().execute<
      {
        content: Buffer | null;
        size_bytes: number;
        sha256: string;
        width: number;
        height: number;
        thumbnail_bytes: number;
        screen_bytes: number;
      }[]
    >('select * from case_attachments where id = ?', [uploaded.attachments[0].id]);
    expect(stored.content).toBeNull();
    const dir = fixture.config.attachmentsDir;
    const id = uploaded.attachments[0].id;
    const original = fs.readFileSync(attachmentPath(dir, id));
    expect(
      fs
        .readdirSync(path.dirname(attachmentPath(dir, id)))
        .filter((f) => f.startsWith(id))
        .sort(),
    ).toEqual([id, `${id}.screen`, `${id}.thumb`]);
    expect(stored).toMatchObject({
      size_bytes: original.length,
      sha256: createHash('sha256').update(original).digest('hex'),
      width: 8,
      height: 8,
      thumbnail_bytes: fs.statSync(attachmentPath(dir, id, 'thumb')).size,
      screen_bytes: fs.statSync(attachmentPath(dir, id, 'screen')).size,
    });
    expect(uploaded.attachments[0].sizeBytes).toBe(original.length);
    for (const size of ['original', 'screen', 'thumb'] as const) {
      await expectNoLocation(fs.readFileSync(attachmentPath(dir, id, size)));
    }

    const headers = await bearer('clerk');
    const list = await fixture.app.inject({
      method: 'GET',
      url: `/api/cases/${filed.id}/attachments`,
      headers,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual([
      expect.objectContaining({
        id: uploaded.attachments[0].id,
        caseId: filed.id,
        fileName: 'IMG_0001.jpg',
        mediaType: 'image/jpeg',
        createdBy: 'resident',
        width: 8,
        height: 8,
        contentUrl: `/api/cases/${filed.id}/attachments/${uploaded.attachments[0].id}`,
        thumbnailUrl: `/api/cases/${filed.id}/attachments/${uploaded.attachments[0].id}?size=thumb`,
        screenUrl: `/api/cases/${filed.id}/attachments/${uploaded.attachments[0].id}?size=screen`,
      }),
      expect.objectContaining({ id: uploaded.attachments[1].id, mediaType: 'image/png' }),
    ]);

    const jpeg = await fixture.app.inject({
      method: 'GET',
      url: `/api/cases/${filed.id}/attachments/${uploaded.attachments[0].id}`,
      headers,
    });
    expect(jpeg.statusCode).toBe(200);
    expect(jpeg.headers['content-type']).toBe('image/jpeg');
    expect(jpeg.headers['x-content-type-options']).toBe('nosniff');
    expect(jpeg.headers['cache-control']).toMatch(/^private/);
    expect(jpeg.headers['content-disposition']).toBe(
      `inline; filename="IMG_0001.jpg"; filename*=UTF-8''IMG_0001.jpg`,
    );
    await expectNoLocation(jpeg.rawPayload);
    expect(jpeg.rawPayload.equals(original)).toBe(true);
    await expectSamePixels(jpeg.rawPayload, CLEAN_JPEG);

    const png = await fixture.app.inject({
      method: 'GET',
      url: `/api/cases/${filed.id}/attachments/${uploaded.attachments[1].id}`,
      headers,
    });
    expect(png.headers['content-type']).toBe('image/png');
    await expectNoLocation(png.rawPayload);
    await expectSamePixels(png.rawPayload, CLEAN_PNG);

    // Unchanged bytes need not travel again.
    const again = await fixture.app.inject({
      method: 'GET',
      url: `/api/cases/${filed.id}/attachments/${uploaded.attachments[0].id}`,
      headers: { ...headers, 'if-none-match': String(jpeg.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
  });

  it('serves a thumbnail and a screen size beside the re-encoded original, each with its own ETag', async () => {
    const filed = await fileCase();
    const sent = await phonePhoto();
    const response = await upload(filed, [{ name: 'IMG_0002.jpg', bytes: sent }]);
    expect(response.statusCode).toBe(201);
    const [photo] = response.json<{ attachments: { id: string; sizeBytes: number }[] }>().attachments;
    const headers = await bearer('clerk');
    const [record] = (
      await fixture.app.inject({ method: 'GET', url: `/api/cases/${filed.id}/attachments`, headers })
    ).json<
      { width: number; height: number; contentUrl: string; thumbnailUrl: string; screenUrl: string }[]
    >();
    expect([record.width, record.height]).toEqual([2000, 1500]);

    const fetched = async (url: string) => {
      const answer = await fixture.app.inject({ method: 'GET', url, headers });
      expect(answer.statusCode).toBe(200);
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['cache-control']).toMatch(/^private/);
      // Two- and three-byte traces occur by chance in this much image data: the blocks decide.
      expect(answer.rawPayload.includes(ascii('Exif'))).toBe(false);
      expect(await metadataBlocks(answer.rawPayload)).toEqual([]);
      const { format, width, height } = await sharp(answer.rawPayload).metadata();
      return { answer, format, width, height, bytes: answer.rawPayload.length };
    };
    const thumb = await fetched(record.thumbnailUrl);
    const screen = await fetched(record.screenUrl);
    const original = await fetched(record.contentUrl);
    const explicit = await fetched(`${record.contentUrl}?size=original`);
    expect([thumb.format, thumb.width, thumb.height]).toEqual(['webp', 320, 240]);
    expect([screen.format, screen.width, screen.height]).toEqual(['webp', 1280, 960]);
    expect([original.format, original.width, original.height]).toEqual(['jpeg', 2000, 1500]);
    expect(thumb.answer.headers['content-type']).toBe('image/webp');
    expect(thumb.answer.headers['content-disposition']).toBe(
      `inline; filename="IMG_0002.webp"; filename*=UTF-8''IMG_0002.webp`,
    );
    expect(original.bytes).toBe(photo.sizeBytes);
    expect(explicit.answer.rawPayload.equals(original.answer.rawPayload)).toBe(true);
    // Lists fetch a few kilobytes where every view used to fetch the whole photo.
    expect(thumb.bytes).toBeLessThan(30_000);
    expect(screen.bytes).toBeLessThan(300_000);
    expect(sent.length).toBeGreaterThan(1_000_000);

    const etags = [thumb, screen, original].map((size) => String(size.answer.headers.etag));
    expect(new Set(etags).size).toBe(3);
    const again = await fixture.app.inject({
      method: 'GET',
      url: record.thumbnailUrl,
      headers: { ...headers, 'if-none-match': etags[0] },
    });
    expect(again.statusCode).toBe(304);
    const unknownSize = await fixture.app.inject({
      method: 'GET',
      url: `${record.contentUrl}?size=poster`,
      headers,
    });
    expect(unknownSize.statusCode).toBe(400);
  });

  it('keeps a display name without its path and serves it under a safely encoded header', async () => {
    const filed = await fileCase();
    // A right-to-left override could make a name read backwards in the back office.
    const response = await upload(filed, [
      { name: '../../\u017boliborz;\u202e latarnia.jpeg.png', bytes: GPS_JPEG },
    ]);
    expect(response.statusCode).toBe(201);
    const [photo] = response.json<{ attachments: { id: string; fileName: string }[] }>().attachments;
    expect(photo.fileName).toBe('\u017boliborz; latarnia.jpeg.png');
    const download = await fixture.app.inject({
      method: 'GET',
      url: `/api/cases/${filed.id}/attachments/${photo.id}`,
      headers: await bearer('clerk'),
    });
    // The name says PNG, the bytes say JPEG: the download gets the extension of what it is.
    expect(download.headers['content-disposition']).toBe(
      `inline; filename="_oliborz_ latarnia.jpeg.jpg"; filename*=UTF-8''%C5%BBoliborz%3B%20latarnia.jpeg.jpg`,
    );
  });

  it('refuses a text file named .jpg with 415, judging by content', async () => {
    const filed = await fileCase();
    await expectRefused(
      () => upload(filed, [{ name: 'photo.jpg', bytes: ascii('this is not a photo') }]),
      415,
      {
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: 'photo.jpg is not a JPEG, PNG or WebP image',
        file: 'photo.jpg',
      },
    );
    // One bad file refuses the whole upload: the good photo beside it is not kept either.
    await expectRefused(
      () =>
        upload(filed, [
          { name: 'good.jpg', bytes: GPS_JPEG },
          { name: 'notes.jpg', bytes: ascii('GIF89a') },
        ]),
      415,
      { file: 'notes.jpg' },
    );
  });

  it('refuses a malformed JPEG with 422, never a 500', async () => {
    const filed = await fileCase();
    await expectRefused(() => upload(filed, [{ name: 'cut.jpg', bytes: GPS_JPEG.subarray(0, 40) }]), 422, {
      code: 'UNPROCESSABLE',
      message: 'cut.jpg is not a readable JPEG image: the file is cut short; send it again',
      reason: 'TRUNCATED',
      file: 'cut.jpg',
    });
    const cutPng = Buffer.concat([CLEAN_PNG.subarray(0, 33), chunk('IDAT', deflateSync(Buffer.alloc(64)))]);
    await expectRefused(() => upload(filed, [{ name: 'cut.png', bytes: cutPng }]), 422, {
      message: 'cut.png is not a readable PNG image: the file is cut short; send it again',
      reason: 'TRUNCATED',
    });
  });

  it('refuses a decompression bomb with 422 at once, from its header alone', async () => {
    const filed = await fileCase();
    // A 30,000 x 30,000 black PNG, 1 bit per pixel: 900 megapixels in half a megabyte.
    const rows = Buffer.alloc((30_000 / 8 + 1) * 30_000);
    const bomb = Buffer.concat([
      PNG_SIGNATURE,
      chunk('IHDR', Buffer.concat([u32(30_000), u32(30_000), Buffer.from([1, 0, 0, 0, 0])])),
      chunk('IDAT', deflateSync(rows, { level: 1 })),
      chunk('IEND', Buffer.alloc(0)),
    ]);
    expect(bomb.length).toBeLessThan(600_000);
    const started = Date.now();
    await expectRefused(() => upload(filed, [{ name: 'bomb.png', bytes: bomb, type: 'image/png' }]), 422, {
      code: 'UNPROCESSABLE',
      message:
        'bomb.png is not a readable PNG image: it is 30000 x 30000 pixels (900 megapixels), ' +
        'more than the 120 megapixels accepted',
      reason: 'TOO_MANY_PIXELS',
      width: 30_000,
      height: 30_000,
    });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('refuses a photo that is also a ZIP archive or an HTML page with 422', async () => {
    const filed = await fileCase();
    const emptyZip = Buffer.concat([ascii('PK\x05\x06'), Buffer.alloc(18)]);
    await expectRefused(
      () => upload(filed, [{ name: 'gifar.jpg', bytes: Buffer.concat([CLEAN_JPEG, emptyZip]) }]),
      422,
      {
        message: 'gifar.jpg is not a readable JPEG image: it is also a ZIP archive',
        reason: 'POLYGLOT',
      },
    );
    const html = Buffer.concat([
      CLEAN_JPEG.subarray(0, 2),
      segment(0xfe, ascii('<script>document.location="//evil.example"</script>')),
      CLEAN_JPEG.subarray(2),
    ]);
    await expectRefused(() => upload(filed, [{ name: 'page.jpg', bytes: html }]), 422, {
      reason: 'POLYGLOT',
      alsoIs: 'an HTML page',
    });
  });

  it('takes at most 5 photos per case, in one upload or several', async () => {
    const filed = await fileCase();
    const photo = (n: number): Part => ({ name: `p${n}.jpg`, bytes: GPS_JPEG });
    await expectRefused(() => upload(filed, [1, 2, 3, 4, 5, 6].map(photo)), 422, {
      code: 'UNPROCESSABLE',
      message: 'A case takes at most 5 photos',
    });
    expect((await upload(filed, [1, 2, 3].map(photo))).statusCode).toBe(201);
    await expectRefused(() => upload(filed, [4, 5, 6].map(photo)), 422, {
      message: `Case ${filed.number} has 3 photos and 3 more would exceed the limit of 5`,
    });
    expect((await upload(filed, [4, 5].map(photo))).statusCode).toBe(201);
    await expectRefused(() => upload(filed, [photo(6)]), 422, {
      message: `Case ${filed.number} already has 5 photos; a case takes at most 5`,
    });
  });

  it('refuses a photo over 10 MB, and a request declaring more than the upload limit, with 413', async () => {
    const filed = await fileCase();
    const big = Buffer.concat([GPS_JPEG.subarray(0, GPS_JPEG.length - 2), Buffer.alloc(11 * 1024 * 1024)]);
    await expectRefused(() => upload(filed, [{ name: 'huge.jpg', bytes: big }]), 413, {
      code: 'PAYLOAD_TOO_LARGE',
      message: 'huge.jpg is larger than 10 MB',
    });
    await expectRefused(
      () =>
        fixture.app.inject({
          method: 'POST',
          url: `/api/v1/cases/${filed.slug}/attachments?token=${filed.token}`,
          ...multipart([{ name: 'a.jpg', bytes: GPS_JPEG }]),
          headers: { ...multipart([]).headers, 'content-length': String(60 * 1024 * 1024) },
        }),
      413,
      { code: 'PAYLOAD_TOO_LARGE' },
    );
  });

  it('answers 404 for a wrong token or an unknown case, without telling which', async () => {
    const filed = await fileCase();
    const wrongToken = 'x'.repeat(filed.token.length);
    await expectRefused(
      () => upload(filed, [{ name: 'a.jpg', bytes: GPS_JPEG }], { token: wrongToken }),
      404,
      {
        code: 'NOT_FOUND',
        message: `No case ${filed.number} with this tracking token`,
      },
    );
    await expectRefused(
      () =>
        upload({ ...filed, slug: '999999-99', number: '999999/99' }, [{ name: 'a.jpg', bytes: GPS_JPEG }]),
      404,
      { message: 'No case 999999/99 with this tracking token' },
    );
  });

  it('refuses photos for a closed case with 409', async () => {
    const filed = await fileCase();
    // What the workflow projects when the case closes; no worker runs in this file.
    await fixture.orm.em.fork().execute(`update cases set status = 'CLOSED' where id = ?`, [filed.id]);
    await expectRefused(() => upload(filed, [{ name: 'late.jpg', bytes: GPS_JPEG }]), 409, {
      code: 'INVALID_TRANSITION',
      message: `Case ${filed.number} is closed and takes no more photos`,
    });
  });

  it('refuses what is not a multipart upload of files in "photos"', async () => {
    const filed = await fileCase();
    const url = `/api/v1/cases/${filed.slug}/attachments?token=${filed.token}`;
    await expectRefused(() => fixture.app.inject({ method: 'POST', url, payload: {} }), 415, {
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
    await expectRefused(
      () =>
        fixture.app.inject({
          method: 'POST',
          url,
          ...multipart([{ name: 'a.jpg', bytes: GPS_JPEG, field: 'file' }]),
        }),
      400,
      { code: 'VALIDATION_FAILED', message: expect.stringMatching(/^Unexpected form field "file"/) },
    );
    await expectRefused(
      () =>
        fixture.app.inject({
          method: 'POST',
          url,
          ...multipart([{ name: 'a.jpg', bytes: GPS_JPEG }], { note: 'hi' }),
        }),
      400,
      { message: expect.stringMatching(/^Unexpected form field "note"/) },
    );
    await expectRefused(() => fixture.app.inject({ method: 'POST', url, ...multipart([]) }), 400, {
      message: 'No photos: attach 1 to 5 images in the field "photos"',
    });
    await expectRefused(
      () =>
        fixture.app.inject({
          method: 'POST',
          url,
          headers: multipart([]).headers,
          payload: '--not-the-boundary\r\ngarbage',
        }),
      400,
      { code: 'VALIDATION_FAILED' },
    );
  });

  it("shows a case's photos only to staff who may see the case", async () => {
    const filed = await fileCase();
    const uploaded = await upload(filed, [{ name: 'a.jpg', bytes: GPS_JPEG }]);
    const [photo] = uploaded.json<{ attachments: { id: string }[] }>().attachments;
    // What the workflow's routing projects; no worker runs in this file.
    await fixture.orm.em.fork().execute(`update cases set unit_code = 'ZDM' where id = ?`, [filed.id]);
    const listUrl = `/api/cases/${filed.id}/attachments`;
    const photoUrl = `${listUrl}/${photo.id}`;

    for (const username of ['zdm', 'manager', 'admin']) {
      const headers = await bearer(username);
      expect((await fixture.app.inject({ method: 'GET', url: listUrl, headers })).statusCode).toBe(200);
      expect((await fixture.app.inject({ method: 'GET', url: photoUrl, headers })).statusCode).toBe(200);
    }
    const otherUnit = await bearer('sm');
    const list = await fixture.app.inject({ method: 'GET', url: listUrl, headers: otherUnit });
    expect(list.statusCode).toBe(404);
    const download = await fixture.app.inject({ method: 'GET', url: photoUrl, headers: otherUnit });
    expect(download.statusCode).toBe(404);
    expect(download.rawPayload.includes(CLEAN_JPEG)).toBe(false);

    expect((await fixture.app.inject({ method: 'GET', url: photoUrl })).statusCode).toBe(401);
    const clerk = await bearer('clerk');
    const elsewhere = await fixture.app.inject({
      method: 'GET',
      url: `/api/cases/${randomUUID()}/attachments/${photo.id}`,
      headers: clerk,
    });
    expect(elsewhere.statusCode).toBe(404);
    const badId = await fixture.app.inject({ method: 'GET', url: `${listUrl}/not-a-uuid`, headers: clerk });
    expect(badId.statusCode).toBe(400);
    for (const size of ['thumb', 'screen']) {
      const other = await fixture.app.inject({
        method: 'GET',
        url: `${photoUrl}?size=${size}`,
        headers: otherUnit,
      });
      expect(other.statusCode).toBe(404);
      expect(
        (await fixture.app.inject({ method: 'GET', url: `${photoUrl}?size=${size}`, headers: clerk }))
          .statusCode,
      ).toBe(200);
    }
  });

  it('keeps serving photos stored before they were re-encoded, and re-encodes them on first view', async () => {
    const filed = await fileCase();
    const headers = await bearer('clerk');
    // What the byte-level stripper stored: the photo as sent, without its metadata segments, as a
    // file (a) or still in the database (b), with no sizes.
    const asStripped = CLEAN_JPEG;
    const [onDisk, inDatabase] = [randomUUID(), randomUUID()];
    await writeAttachmentFile(fixture.config.attachmentsDir, onDisk, asStripped);
    const digest = createHash('sha256').update(asStripped).digest('hex');
    for (const [id, content, at] of [
      [onDisk, null, '2026-01-01T10:00:00Z'],
      [inDatabase, asStripped, '2026-01-01T10:00:01Z'],
    ] as const) {
      await fixture.orm.em.fork().execute(
        `insert into case_attachments
           (id, case_id, file_name, media_type, size_bytes, sha256, content, created_at, created_by)
         values (?, ?, 'old.jpg', 'image/jpeg', ?, ?, ?, ?, 'resident')`,
        [id, filed.id, asStripped.length, digest, content, at],
      );
    }
    const list = await fixture.app.inject({
      method: 'GET',
      url: `/api/cases/${filed.id}/attachments`,
      headers,
    });
    expect(list.json()).toEqual([
      expect.objectContaining({ id: onDisk, width: null, height: null }),
      expect.objectContaining({ id: inDatabase, width: null, height: null }),
    ]);
    for (const id of [onDisk, inDatabase]) {
      const url = `/api/cases/${filed.id}/attachments/${id}`;
      // The original, as it was stored, untouched by a look at it.
      const original = await fixture.app.inject({ method: 'GET', url, headers });
      expect(original.statusCode).toBe(200);
      expect(original.rawPayload.equals(asStripped)).toBe(true);
      expect(original.headers.etag).toBe(`"${digest}"`);
      // A smaller size re-encodes the photo once: every size is then on the disk, and the row says so.
      const thumb = await fixture.app.inject({ method: 'GET', url: `${url}?size=thumb`, headers });
      expect(thumb.statusCode).toBe(200);
      expect(thumb.headers['content-type']).toBe('image/webp');
      const [row] = await fixture.orm.em
        .fork()
        .execute<{ content: Buffer | null; sha256: string; width: number; thumbnail_bytes: number }[]>(
          'select content, sha256, width, thumbnail_bytes from case_attachments where id = ?',
          [id],
        );
      expect(row).toMatchObject({ content: null, width: 8, thumbnail_bytes: thumb.rawPayload.length });
      const reencoded = fs.readFileSync(attachmentPath(fixture.config.attachmentsDir, id));
      expect(row.sha256).toBe(createHash('sha256').update(reencoded).digest('hex'));
      await expectSamePixels(reencoded, asStripped);
      const after = await fixture.app.inject({ method: 'GET', url, headers });
      expect(after.rawPayload.equals(reencoded)).toBe(true);
      expect(after.headers.etag).toBe(`"${row.sha256}"`);
      // Once re-encoded, never again (npm run attachments:reencode finds nothing left to do).
      expect(
        await reencodeStoredPhoto(fixture.orm, fixture.config.attachmentsDir, fixture.config.photos, id),
      ).toBe('ALREADY');
    }
  });

  it('serves the original in place of a smaller size when an old photo cannot be re-encoded', async () => {
    const filed = await fileCase();
    const id = randomUUID();
    // A stripped photo libvips refuses (cut short): it keeps being served as it always was.
    const broken = GPS_JPEG.subarray(0, 60);
    await writeAttachmentFile(fixture.config.attachmentsDir, id, broken);
    await fixture.orm.em.fork().execute(
      `insert into case_attachments
         (id, case_id, file_name, media_type, size_bytes, sha256, content, created_at, created_by)
       values (?, ?, 'old.jpg', 'image/jpeg', ?, ?, null, now(), 'resident')`,
      [id, filed.id, broken.length, createHash('sha256').update(broken).digest('hex')],
    );
    const thumb = await fixture.app.inject({
      method: 'GET',
      url: `/api/cases/${filed.id}/attachments/${id}?size=thumb`,
      headers: await bearer('clerk'),
    });
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    expect(thumb.rawPayload.equals(broken)).toBe(true);
    expect(
      await reencodeStoredPhoto(fixture.orm, fixture.config.attachmentsDir, fixture.config.photos, id),
    ).toBe('REFUSED');
  });

  it('documents the upload as multipart/form-data in the OpenAPI document', async () => {
    const response = await fixture.app.inject({ method: 'GET', url: '/docs/json' });
    expect(response.statusCode).toBe(200);
    const paths = response.json<{ paths: Record<string, Record<string, { requestBody?: unknown }>> }>().paths;
    expect(Object.keys(paths['/api/v1/cases/{number}/attachments'].post.requestBody as object)).toContain(
      'content',
    );
    expect(JSON.stringify(paths['/api/v1/cases/{number}/attachments'].post.requestBody)).toContain(
      'multipart/form-data',
    );
    expect(paths['/api/cases/{id}/attachments/{attachmentId}'].get).toBeDefined();
  });
});
