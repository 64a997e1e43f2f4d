import { crc32, deflateSync } from 'node:zlib';
import exifr from 'exifr';
import sharp from 'sharp';
import { DEFAULT_PHOTO_SETTINGS, type PhotoSettings } from '../../../domain/attachments/photo-limits';
import { AppError } from '../../../domain/errors';
import { preparePhoto } from '../../../services/attachments/prepare-photo';
import { metadataBlocks } from '../../support/images';

/**
 * Photos as phones and editors really write them (built with libvips' own writers, so exifr can
 * read what they carry), through the upload's pipeline: the location must not survive wherever
 * the camera put it, the sizes must fit, and hostile files must be refused with a reason.
 */

const prepare = (bytes: Buffer, label = 'photo.jpg', settings: PhotoSettings = DEFAULT_PHOTO_SETTINGS) =>
  preparePhoto(bytes, label, settings);

/** 52°13'48" N, 21°0'36" E, as Exif writes it. */
const GPS_EXIF = {
  IFD0: { ImageDescription: 'taken at home' },
  IFD3: {
    GPSLatitudeRef: 'N',
    GPSLatitude: '52/1 13/1 48/1',
    GPSLongitudeRef: 'E',
    GPSLongitude: '21/1 0/1 36/1',
  },
};
const GPS_XMP =
  '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">' +
  '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" ' +
  'xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="52,13.8N" exif:GPSLongitude="21,0.6E"/>' +
  '</rdf:RDF></x:xmpmeta><?xpacket end="w"?>';

/** A photo-like image: gradients and some noise, so encoders have real work to do. */
function scene(width: number, height: number): sharp.Sharp {
  const data = Buffer.alloc(width * height * 3);
  let seed = 22;
  for (let i = 0; i < data.length; i += 3) {
    const x = (i / 3) % width;
    const y = Math.floor(i / 3 / width);
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const noise = (seed >> 16) % 24;
    data[i] = (x * 200) / width + noise;
    data[i + 1] = (y * 200) / height + noise;
    data[i + 2] = 90 + noise;
  }
  return sharp(data, { raw: { width, height, channels: 3 } });
}

/** No trace of the position, the words or the XMP names anywhere in the bytes. */
function expectNoTrace(bytes: Buffer): void {
  for (const trace of ['Exif', 'GPS', 'taken at home', 'xmpmeta', '52,13.8N']) {
    expect(bytes.includes(Buffer.from(trace, 'latin1'))).toBe(false);
  }
}

async function refusal(run: Promise<unknown>): Promise<AppError> {
  const error = await run.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('a photo leaves no trace of where it was taken', () => {
  it('when the position is in Exif', async () => {
    const input = await scene(64, 48).jpeg().withExif(GPS_EXIF).toBuffer();
    expect(await exifr.gps(input)).toEqual({
      latitude: expect.closeTo(52.23),
      longitude: expect.closeTo(21.01),
    });
    const photo = await prepare(input);
    expect(await metadataBlocks(photo.bytes)).toEqual([]);
    expectNoTrace(photo.bytes);
  });

  it('when the position is in XMP', async () => {
    const input = await scene(64, 48).jpeg().withXmp(GPS_XMP).toBuffer();
    expect(await exifr.parse(input, { xmp: true })).toMatchObject({ GPSLatitude: '52,13.8N' });
    const photo = await prepare(input);
    expect(await metadataBlocks(photo.bytes)).toEqual([]);
    expectNoTrace(photo.bytes);
  });

  it('when the position is in an MPF second image after the first', async () => {
    // Phones store depth maps and gain maps this way: an APP2 "MPF" index after SOI, and the
    // second image, with its own Exif, after the first image's end-of-image marker.
    const primary = await scene(64, 48).jpeg().toBuffer();
    const secondary = await scene(32, 24).jpeg().withExif(GPS_EXIF).toBuffer();
    const mpfPayload = Buffer.concat([Buffer.from('MPF\0MM\0*\0\0\0\x08', 'latin1'), Buffer.alloc(16)]);
    const app2 = Buffer.concat([Buffer.from([0xff, 0xe2, 0, mpfPayload.length + 2]), mpfPayload]);
    const input = Buffer.concat([primary.subarray(0, 2), app2, primary.subarray(2), secondary]);
    expect(await exifr.gps(input.subarray(input.length - secondary.length))).toBeDefined();
    const photo = await prepare(input);
    expect([photo.width, photo.height]).toEqual([64, 48]);
    expect(await metadataBlocks(photo.bytes)).toEqual([]);
    expectNoTrace(photo.bytes);
    expect(photo.bytes.includes(Buffer.from('MPF\0', 'latin1'))).toBe(false);
    // One image: no second start-of-image marker anywhere.
    expect(photo.bytes.indexOf(Buffer.from([0xff, 0xd8, 0xff]), 1)).toBe(-1);
  });

  it("when the position is in a PNG's eXIf chunk", async () => {
    const input = await scene(64, 48).png().withExif(GPS_EXIF).toBuffer();
    expect(input.includes(Buffer.from('eXIf'))).toBe(true);
    expect(await exifr.gps(input)).toBeDefined();
    const photo = await prepare(input, 'screenshot.png');
    expect(photo.mediaType).toBe('image/png');
    expect(await metadataBlocks(photo.bytes)).toEqual([]);
    expect(photo.bytes.includes(Buffer.from('eXIf'))).toBe(false);
    expectNoTrace(photo.bytes);
  });

  it('when the position is in the EXIF and XMP chunks of a WebP', async () => {
    const input = await scene(64, 48).webp().withExif(GPS_EXIF).withXmp(GPS_XMP).toBuffer();
    expect(await metadataBlocks(input)).toEqual(['libvips exif', 'libvips xmp']);
    const photo = await prepare(input, 'photo.webp');
    expect(photo.mediaType).toBe('image/webp');
    expect(await metadataBlocks(photo.bytes)).toEqual([]);
    expectNoTrace(photo.bytes);
  });

  it('in the thumbnail and the screen size as well', async () => {
    const photo = await prepare(await scene(64, 48).jpeg().withExif(GPS_EXIF).withXmp(GPS_XMP).toBuffer());
    for (const size of [photo.thumbnail, photo.screen]) {
      expect(await metadataBlocks(size)).toEqual([]);
      expectNoTrace(size);
    }
  });
});

describe('the sizes of a photo', () => {
  it('are a 320 px thumbnail and a 1280 px screen size in WebP, beside the full-size original', async () => {
    const photo = await prepare(await scene(1400, 1050).jpeg({ quality: 92 }).toBuffer());
    expect([photo.mediaType, photo.width, photo.height]).toEqual(['image/jpeg', 1400, 1050]);
    const [original, screen, thumbnail] = await Promise.all(
      [photo.bytes, photo.screen, photo.thumbnail].map((bytes) => sharp(bytes).metadata()),
    );
    expect([original.format, original.width, original.height]).toEqual(['jpeg', 1400, 1050]);
    expect([screen.format, screen.width, screen.height]).toEqual(['webp', 1280, 960]);
    expect([thumbnail.format, thumbnail.width, thumbnail.height]).toEqual(['webp', 320, 240]);
    expect(thumbnail.size!).toBeLessThan(60_000);
  });

  it('fit a portrait photo by its longer side, upright, and never enlarge a small one', async () => {
    const portrait = await prepare(await scene(400, 300).jpeg().withMetadata({ orientation: 8 }).toBuffer());
    expect([portrait.width, portrait.height]).toEqual([300, 400]);
    const thumbnail = await sharp(portrait.thumbnail).metadata();
    expect([thumbnail.width, thumbnail.height]).toEqual([240, 320]);

    const small = await prepare(await scene(200, 100).png().toBuffer(), 'small.png');
    for (const size of [small.screen, small.thumbnail]) {
      const { width, height } = await sharp(size).metadata();
      expect([width, height]).toEqual([200, 100]);
    }
  });

  it('follow the settings', async () => {
    const photo = await prepare(await scene(800, 600).jpeg().toBuffer(), 'photo.jpg', {
      ...DEFAULT_PHOTO_SETTINGS,
      thumbnailPx: 100,
      screenPx: 400,
    });
    expect((await sharp(photo.thumbnail).metadata()).width).toBe(100);
    expect((await sharp(photo.screen).metadata()).width).toBe(400);
  });
});

describe('hostile and broken files are refused with 422 and a reason', () => {
  /** A 1-bit PNG of width x height, all black: 2 MB of pixels data deflated to a few kB per 10,000 rows. */
  function blackPng(width: number, height: number): Buffer {
    const u32 = (n: number) => {
      const b = Buffer.alloc(4);
      b.writeUInt32BE(n);
      return b;
    };
    const chunk = (type: string, data: Buffer) => {
      const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
      return Buffer.concat([u32(data.length), typed, u32(crc32(typed))]);
    };
    const raw = Buffer.alloc((Math.ceil(width / 8) + 1) * height);
    return Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', Buffer.concat([u32(width), u32(height), Buffer.from([1, 0, 0, 0, 0])])),
      chunk('IDAT', deflateSync(raw, { level: 1 })),
      chunk('IEND', Buffer.alloc(0)),
    ]);
  }

  it('a 30,000 x 30,000 image in a small file, at once and without decoding it', async () => {
    const bomb = blackPng(30_000, 30_000);
    // 900 megapixels, 2.7 GB once decoded to RGB, in half a megabyte.
    expect(bomb.length).toBeLessThan(600_000);
    const started = performance.now();
    const error = await refusal(prepare(bomb, 'bomb.png'));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(error.code).toBe('UNPROCESSABLE');
    expect(error.message).toBe(
      'bomb.png is not a readable PNG image: it is 30000 x 30000 pixels (900 megapixels), ' +
        'more than the 120 megapixels accepted',
    );
    expect(error.details).toMatchObject({ reason: 'TOO_MANY_PIXELS', width: 30_000, height: 30_000 });
  });

  it('a JPEG whose header declares 65,000 x 65,000 pixels', async () => {
    const small = await scene(16, 16).jpeg().toBuffer();
    const sof = small.indexOf(Buffer.from([0xff, 0xc0]));
    const huge = Buffer.from(small);
    huge.writeUInt16BE(65_000, sof + 5);
    huge.writeUInt16BE(65_000, sof + 7);
    const error = await refusal(prepare(huge, 'huge.jpg'));
    expect(error.details).toMatchObject({ reason: 'TOO_MANY_PIXELS', width: 65_000, height: 65_000 });
  });

  it('a photo over a lower pixel limit set by the city', async () => {
    const photo = await scene(64, 48).jpeg().toBuffer();
    const error = await refusal(prepare(photo, 'photo.jpg', { ...DEFAULT_PHOTO_SETTINGS, maxPixels: 3000 }));
    expect(error.details).toMatchObject({ reason: 'TOO_MANY_PIXELS', maxPixels: 3000 });
  });

  it.each([
    ['JPEG', 'cut.jpg', (s: sharp.Sharp) => s.jpeg()],
    ['PNG', 'cut.png', (s: sharp.Sharp) => s.png()],
    ['WebP', 'cut.webp', (s: sharp.Sharp) => s.webp()],
  ])('a %s cut short', async (format, name, encode) => {
    const whole = await encode(scene(300, 200)).toBuffer();
    for (const keep of [0.3, 0.7, 0.95]) {
      const error = await refusal(prepare(whole.subarray(0, Math.floor(whole.length * keep)), name));
      expect(error.code).toBe('UNPROCESSABLE');
      expect(error.message).toBe(
        `${name} is not a readable ${format} image: the file is cut short; send it again`,
      );
      expect(error.details).toMatchObject({ file: name, reason: 'TRUNCATED' });
    }
  });

  it('a JPEG that is also a ZIP archive, an HTML page or a PDF', async () => {
    const photo = await scene(64, 48).jpeg().toBuffer();
    const comment = (text: string) => {
      const payload = Buffer.from(text, 'latin1');
      const length = payload.length + 2;
      return Buffer.concat([Buffer.from([0xff, 0xfe, length >> 8, length & 0xff]), payload]);
    };
    const withComment = (text: string) =>
      Buffer.concat([photo.subarray(0, 2), comment(text), photo.subarray(2)]);
    // An empty ZIP archive is its end-of-central-directory record alone.
    const emptyZip = Buffer.concat([Buffer.from('PK\x05\x06', 'latin1'), Buffer.alloc(18)]);
    const cases: [Buffer, string][] = [
      [Buffer.concat([photo, emptyZip]), 'a ZIP archive'],
      [withComment('<script>fetch("/api/users")</script>'), 'an HTML page'],
      [withComment('<html><body onload="alert(1)">'), 'an HTML page'],
      [withComment('<?php system($_GET["c"]); ?>'), 'a PHP script'],
      [withComment('%PDF-1.4 1 0 obj'), 'a PDF document'],
    ];
    for (const [input, other] of cases) {
      const error = await refusal(prepare(input, 'innocent.jpg'));
      expect(error.code).toBe('UNPROCESSABLE');
      expect(error.message).toBe(`innocent.jpg is not a readable JPEG image: it is also ${other}`);
      expect(error.details).toMatchObject({ reason: 'POLYGLOT', alsoIs: other });
    }
  });

  it('a PNG whose text chunk is a script', async () => {
    const input = await scene(16, 16)
      .png()
      .withExif({ IFD0: { ImageDescription: '<script src="//evil.example/x.js"></script>' } })
      .toBuffer();
    const error = await refusal(prepare(input, 'icon.png'));
    expect(error.details).toMatchObject({ reason: 'POLYGLOT', alsoIs: 'an HTML page' });
  });
});
