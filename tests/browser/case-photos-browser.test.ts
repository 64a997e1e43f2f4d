import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page, Response } from 'playwright-core';
import sharp from 'sharp';
import { caseNumberToSlug } from '../../domain/cases/case-number';
import { ensureAdminBuilt } from '../../scripts/services/frontend-build';
import {
  launchChromium,
  listenForBrowser,
  signInToBackOffice,
  UNREACHABLE_TILE_URL,
  isUnreachableTile,
} from '../support/browser';
import { caseIdOfNumber, startTestApp, type TestApp } from '../support/integration';

const ARTIFACTS = path.join(__dirname, '..', 'artifacts', 'case-photos');
/** The limit: no image a page of the back office downloads by itself is larger. */
const MAX_IMAGE_BYTES = 300 * 1024;

/**
 * A case with phone-sized photos (megabytes each), seen by a clerk in Chromium: the inbox and the
 * case page fetch thumbnails, the opened photo its screen size, and only the download button the
 * re-encoded original. Every image response is weighed. No worker runs: the case stays NEW, which
 * is enough to list and open it.
 */
describe('photos in the back office', () => {
  let fixture: TestApp;
  let browser: Browser;
  let baseUrl: string;
  const problems: string[] = [];

  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await ensureAdminBuilt(() => {});
    fixture = await startTestApp({
      demoUsers: true,
      config: { MAP_TILE_URL: UNREACHABLE_TILE_URL, INTAKE_RATE_LIMIT_PER_MINUTE: '1000' },
    });
    baseUrl = await listenForBrowser(fixture.app);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await fixture?.close();
  });

  /** A street scene's worth of detail: large shapes, texture and sensor grain. */
  async function phonePhoto(width: number, height: number, orientation?: number): Promise<Buffer> {
    const shapes = await sharp({
      create: {
        width: Math.round(width / 16),
        height: Math.round(height / 16),
        channels: 3,
        background: '#777777',
        noise: { type: 'gaussian', mean: 128, sigma: 60 },
      },
    })
      .resize(width, height, { kernel: 'cubic' })
      .raw()
      .toBuffer();
    const grain = await sharp({
      create: {
        width,
        height,
        channels: 3,
        background: '#808080',
        noise: { type: 'gaussian', mean: 128, sigma: 16 },
      },
    })
      .raw()
      .toBuffer();
    const photo = sharp(shapes, { raw: { width, height, channels: 3 } })
      .composite([{ input: grain, raw: { width, height, channels: 3 }, blend: 'soft-light' }])
      .jpeg({ quality: 95 });
    return orientation ? photo.withMetadata({ orientation }).toBuffer() : photo.toBuffer();
  }

  function multipart(files: { name: string; bytes: Buffer }[]) {
    const boundary = 'civicflowPhotosBrowserBoundary';
    return {
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([
        ...files.flatMap((file) => [
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="${file.name}"\r\n` +
              'Content-Type: image/jpeg\r\n\r\n',
          ),
          file.bytes,
          Buffer.from('\r\n'),
        ]),
        Buffer.from(`--${boundary}--\r\n`),
      ]),
    };
  }

  interface ImageResponse {
    url: string;
    bytes: number;
  }

  /** Every response carrying an image (map tiles, thumbnails fetched for blob: URLs, icons). */
  function weighImages(page: Page): ImageResponse[] {
    const images: ImageResponse[] = [];
    page.on('response', (response: Response) => {
      const type = response.headers()['content-type'] ?? '';
      if (!type.startsWith('image/') || response.status() !== 200) return;
      void response
        .body()
        .then((body) => images.push({ url: response.url(), bytes: body.length }))
        .catch(() => undefined);
    });
    return images;
  }

  it('shows thumbnails and the screen size, never a photo of more than 300 kB, and downloads the original', async () => {
    const sent = [
      { name: 'IMG_1001.jpg', bytes: await phonePhoto(4000, 3000) },
      { name: 'IMG_1002.jpg', bytes: await phonePhoto(4000, 3000, 6) },
      { name: 'IMG_1003.jpg', bytes: await phonePhoto(3000, 2000) },
    ];
    for (const photo of sent) expect(photo.bytes.length).toBeGreaterThan(1024 * 1024);
    const filed = (
      await fixture.app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        payload: {
          kind: 'INCIDENT',
          eventCode: 'POTHOLE',
          description: 'Głęboka dziura w jezdni, zdjęcia w załączeniu',
          district: 'Ochota',
          location: { lat: 52.2145, lon: 20.9787, street: 'Grójecka' },
        },
      })
    ).json<{ number: string; trackingToken: string }>();
    const caseId = await caseIdOfNumber(fixture.orm, filed.number);
    const uploaded = await fixture.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseNumberToSlug(filed.number)}/attachments?token=${filed.trackingToken}`,
      ...multipart(sent),
    });
    expect(uploaded.statusCode).toBe(201);

    const clerk = await signInToBackOffice(browser, {
      baseUrl,
      username: 'clerk',
      password: fixture.config.demo.password,
      problems,
      ignore: isUnreachableTile,
      artifacts: ARTIFACTS,
    });
    const images = weighImages(clerk);
    // The inbox, reloaded with the case in it, then the case page.
    await clerk.reload();
    await clerk
      .getByRole('heading', { name: /Sprawy/ })
      .first()
      .waitFor();
    await clerk.getByText(filed.number).first().waitFor();
    await clerk.screenshot({ path: path.join(ARTIFACTS, '1-inbox.png') });

    await clerk.goto(`${baseUrl}/admin/#/cases/${caseId}/show`);
    const thumbnails = clerk.getByTestId('case-photo-thumbnail');
    await thumbnails.nth(2).waitFor();
    const naturalSize = (img: ReturnType<Page['getByTestId']>) =>
      img.evaluate((element) => {
        const image = element as unknown as { naturalWidth: number; naturalHeight: number };
        return [image.naturalWidth, image.naturalHeight];
      });
    expect(await naturalSize(thumbnails.nth(0))).toEqual([320, 240]);
    // Shot in portrait on a landscape sensor: shown upright.
    expect(await naturalSize(thumbnails.nth(1))).toEqual([240, 320]);
    await clerk.screenshot({ path: path.join(ARTIFACTS, '2-case-page.png') });

    await thumbnails.nth(0).click();
    const large = clerk.getByTestId('case-photo-large');
    await large.waitFor();
    expect(await naturalSize(large)).toEqual([1280, 960]);
    await clerk.screenshot({ path: path.join(ARTIFACTS, '3-photo-opened.png') });

    // Responses are weighed as they finish: wait until the three thumbnails and the screen size are in.
    const attachmentImages = () => images.filter((image) => image.url.includes('/attachments/'));
    for (let waited = 0; attachmentImages().length < 4 && waited < 5000; waited += 100) {
      await clerk.waitForTimeout(100);
    }
    expect(
      attachmentImages()
        .map((image) => new URL(image.url).search)
        .sort(),
    ).toEqual(['?size=screen', '?size=thumb', '?size=thumb', '?size=thumb']);
    const heaviest = images.reduce((max, image) => (image.bytes > max.bytes ? image : max), images[0]);
    expect(heaviest.bytes).toBeLessThanOrEqual(MAX_IMAGE_BYTES);

    // The original only on request, re-encoded, under the resident's name.
    const [download] = await Promise.all([
      clerk.waitForEvent('download'),
      clerk.getByTestId('case-photo-download').click(),
    ]);
    expect(download.suggestedFilename()).toBe('IMG_1001.jpg');
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    const original = await sharp(Buffer.concat(chunks)).metadata();
    expect([original.format, original.width, original.height, original.exif]).toEqual([
      'jpeg',
      4000,
      3000,
      undefined,
    ]);
    expect(problems).toEqual([]);
  }, 180_000);
});
