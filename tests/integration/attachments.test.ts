import { randomUUID } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import { startTestApp, type TestApp } from '../support/integration';

/**
 * Residents add photos to their case with its tracking token; staff get them back without the
 * location the camera wrote into them. Every refusal leaves the database as it was. No worker runs
 * here: the cases' workflows are started but need not run.
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

  /** An 8x8 grey baseline JPEG: what must come back, byte for byte, once the metadata is gone. */
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

  function expectNoLocation(bytes: Buffer): void {
    expect(bytes.includes(ascii('Exif'))).toBe(false);
    expect(bytes.includes(ascii('eXIf'))).toBe(false);
    expect(bytes.includes(Buffer.from([0x88, 0x25]))).toBe(false);
    expect(bytes.includes(Buffer.concat([u32(52), u32(1), u32(13)]))).toBe(false);
    expect(bytes.includes(ascii('at home'))).toBe(false);
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
    const body = response.json<{ id: string; number: string; trackingToken: string }>();
    return {
      id: body.id,
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
        sizeBytes: CLEAN_JPEG.length,
      },
      {
        id: expect.any(String),
        fileName: 'screenshot.png',
        mediaType: 'image/png',
        sizeBytes: CLEAN_PNG.length,
      },
    ]);

    // Nothing with a location is kept, not even in the database.
    const [stored] = await fixture.orm.em
      .fork()
      .execute<{ content: Buffer }[]>('select content from case_attachments where id = ?', [
        uploaded.attachments[0].id,
      ]);
    expectNoLocation(stored.content);

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
        contentUrl: `/api/cases/${filed.id}/attachments/${uploaded.attachments[0].id}`,
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
    expectNoLocation(jpeg.rawPayload);
    expect(jpeg.rawPayload.equals(CLEAN_JPEG)).toBe(true);

    const png = await fixture.app.inject({
      method: 'GET',
      url: `/api/cases/${filed.id}/attachments/${uploaded.attachments[1].id}`,
      headers,
    });
    expect(png.headers['content-type']).toBe('image/png');
    expectNoLocation(png.rawPayload);
    expect(png.rawPayload.equals(CLEAN_PNG)).toBe(true);

    // Unchanged bytes need not travel again.
    const again = await fixture.app.inject({
      method: 'GET',
      url: `/api/cases/${filed.id}/attachments/${uploaded.attachments[0].id}`,
      headers: { ...headers, 'if-none-match': String(jpeg.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
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
      message: expect.stringMatching(
        /^cut\.jpg is not a readable JPEG image: its APP1 Exif segment runs past/,
      ),
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
