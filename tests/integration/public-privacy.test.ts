import { randomUUID } from 'node:crypto';
import { issueOpen311Client } from '../../services/open311/open311-keys';
import { PUBLIC_STATUS_TEXTS } from '../../domain/cases/public-view';
import { caseNumberToSlug } from '../../domain/cases/case-number';
import { caseIdOfNumber, eventually, startTestApp, type TestApp } from '../support/integration';
import { startSmtpListener, type SmtpListener } from '../support/smtp-listener';

interface Filed {
  id: string;
  number: string;
}

const PUBLIC_URL = 'https://19115.privacy.test';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const warsawDay = (date: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(date);

/**
 * Issue 14, "public surfaces publish only what the city chose to publish": cases full of marked
 * personal data and words are filed through the portal API, Open311 and the phone, then every
 * public surface (map, nearby, public report, Open311 JSON and XML, open data JSON and CSV, Atom
 * feed, portal settings) is read for the markers, for positions finer than published, for streets
 * the register does not know, for cancelled and merged cases, and for case ids.
 */
describe('public surfaces publish only what the city chose to publish', () => {
  let t: TestApp;
  let smtp: SmtpListener;
  let open311Key: string;
  const tag = randomUUID().slice(0, 8);
  const today = warsawDay(new Date());
  // A grid point of the published precision (four decimals) in the south of the city, this file's own.
  const grid = {
    lat: Math.round((52.105 + Math.random() * 0.01) * 10_000) / 10_000,
    lon: Math.round((21.085 + Math.random() * 0.02) * 10_000) / 10_000,
  };
  // 4.4 m north of the grid point: published as the grid point itself.
  const exact = { lat: grid.lat + 0.00004, lon: grid.lon };
  const marks = {
    name: `Bożydar Zgłaszający ${tag}`,
    email: `zglaszajacy-${tag}@resident.test`,
    phone: '+48 603 777 888',
    building: `B${tag}`,
    words: `słowa-mieszkańca-${tag}`,
    open311Words: `open311-słowa-${tag}`,
    phoneWords: `telefon-słowa-${tag}`,
    typedStreet: `Jan Kowalski ${tag} tel 601234567`,
    publicNote: `notatka-publiczna-${tag}`,
    acceptNote: `przyjeto-${tag}`,
    cancelNote: `anulowano-${tag}`,
  };
  const contact = { name: marks.name, email: marks.email, phone: marks.phone };
  const consentedText = `Dziura zgłoszona z zgodą ${tag}, piszcie na zgoda-${tag}@resident.test`;
  const filed: Record<string, Filed> = {};
  const open311Tokens: string[] = [];
  const publicBodies: { url: string; body: string }[] = [];

  beforeAll(async () => {
    // Acknowledgements go somewhere real, as in production.
    smtp = await startSmtpListener();
    t = await startTestApp({ worker: true, demoUsers: true, config: { PUBLIC_URL, SMTP_URL: smtp.url } });
    open311Key = (await issueOpen311Client(t.orm, `Privacy test ${tag}`)).apiKey;

    const portal = async (name: string, body: Record<string, unknown>) => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        payload: {
          kind: 'INCIDENT',
          eventCode: 'POTHOLE',
          district: 'Wilanów',
          contact,
          language: 'pl',
          ...body,
        },
      });
      expect(response.statusCode).toBe(201);
      const { number } = response.json<{ number: string }>();
      filed[name] = { number, id: await caseIdOfNumber(t.orm, number) };
    };
    await portal('quiet', {
      description: marks.words,
      location: { ...exact, street: 'Puławska', building: marks.building },
    });
    await portal('consenting', {
      description: consentedText,
      publicationConsent: true,
      location: { lat: grid.lat + 0.002, lon: grid.lon, street: 'ul. Puławska 12', building: marks.building },
    });
    await portal('typedStreet', {
      description: marks.words,
      location: { lat: grid.lat + 0.001, lon: grid.lon + 0.001, street: marks.typedStreet },
    });
    await portal('cancelled', {
      description: marks.words,
      location: { lat: grid.lat - 0.001, lon: grid.lon, street: 'Puławska' },
    });
    await portal('merged', {
      description: marks.words,
      location: { lat: grid.lat, lon: grid.lon - 0.001, street: 'Puławska' },
    });

    const open311 = async (name: string, fields: Record<string, string>) => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          api_key: open311Key,
          service_code: 'POTHOLE',
          email: marks.email,
          first_name: marks.name,
          media_url: `https://photos.example.org/${tag}-${name}.jpg`,
          ...fields,
        }).toString(),
      });
      expect(response.statusCode).toBe(200);
      publicBodies.push({ url: 'POST /open311/v2/requests.json', body: response.body });
      const [created] = response.json<{ service_request_id: string; token: string }[]>();
      open311Tokens.push(created.token);
      const [row] = await t.orm.em
        .fork()
        .execute<{ id: string }[]>('select id from cases where number = ?', [created.service_request_id]);
      filed[name] = { id: row.id, number: created.service_request_id };
    };
    await open311('open311Consent', {
      lat: String(grid.lat + 0.003),
      long: String(grid.lon),
      description: `Open311 zgoda ${tag}`,
      'attribute[PUBLICATION_CONSENT]': 'true',
    });
    await open311('open311Quiet', {
      lat: String(grid.lat + 0.004),
      long: String(grid.lon),
      description: marks.open311Words,
    });

    const call = await t.app.inject({
      method: 'POST',
      url: '/api/calls',
      headers: { authorization: await t.authorization('clerk') },
      payload: {
        caller: contact,
        kind: 'INCIDENT',
        eventCode: 'POTHOLE',
        description: marks.phoneWords,
        location: { lat: grid.lat + 0.005, lon: grid.lon, street: 'Puławska', district: 'Wilanów' },
        durationSeconds: 60,
      },
    });
    expect(call.statusCode).toBe(201);
    filed.phone = call.json<Filed>();
    // Even a consent flag set on a phone case (an import, a mistake) publishes no clerk's notes.
    await t.orm.em
      .fork()
      .execute('update cases set publication_consent = true where id = ?', [filed.phone.id]);

    const act = (username: string, target: Filed, action: string, payload: Record<string, unknown>) =>
      eventually(
        async () => {
          const response = await t.app.inject({
            method: 'POST',
            url: `/api/cases/${target.id}/actions/${action}`,
            headers: { authorization: await t.authorization(username) },
            payload,
          });
          return response.statusCode === 200;
        },
        { what: `${action} on ${target.number}`, timeoutMs: 40_000 },
      );
    await eventually(
      async () => {
        const [row] = await t.orm.em
          .fork()
          .execute<{ status: string }[]>('select status from cases where id = ?', [filed.quiet.id]);
        return row.status === 'FORWARDED';
      },
      { what: 'the quiet case to be forwarded', timeoutMs: 40_000 },
    );
    await act('zdm', filed.quiet, 'accept', { note: marks.acceptNote });
    await act('clerk', filed.quiet, 'comment', { note: marks.publicNote, isPublic: true });
    await act('clerk', filed.cancelled, 'cancel', { note: marks.cancelNote });
    await act('clerk', filed.merged, 'merge', { parentCaseId: filed.quiet.id });
    await eventually(
      async () => {
        const rows = await t.orm.em
          .fork()
          .execute<{ status: string }[]>('select status from cases where id in (?, ?, ?) order by number', [
            filed.quiet.id,
            filed.cancelled.id,
            filed.merged.id,
          ]);
        const statuses = rows.map((row) => row.status).sort();
        return JSON.stringify(statuses) === JSON.stringify(['CANCELLED', 'IN_PROGRESS', 'MERGED']);
      },
      { what: 'accepted, cancelled and merged cases', timeoutMs: 40_000 },
    );
  }, 180_000);

  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  async function get(url: string) {
    const response = await t.app.inject({ method: 'GET', url });
    publicBodies.push({ url, body: response.body });
    return response;
  }

  const open311Request = async (name: string, format: 'json' | 'xml' = 'json') =>
    get(`/open311/v2/requests/${caseNumberToSlug(filed[name].number)}.${format}`);

  const box = `${grid.lon - 0.01},${grid.lat - 0.01},${grid.lon + 0.01},${grid.lat + 0.01}`;

  function expectNoPrivateWords(body: string, what: string) {
    for (const secret of [
      marks.name,
      marks.email,
      marks.phone,
      marks.building,
      marks.words,
      marks.open311Words,
      marks.phoneWords,
      marks.publicNote,
      marks.acceptNote,
      marks.cancelNote,
      marks.typedStreet,
      `Kowalski ${tag}`,
    ]) {
      if (body.includes(secret)) throw new Error(`${what} publishes "${secret}"`);
    }
  }

  it('Open311 publishes the shared projection: rounded position, register street, no building, no notes', async () => {
    const [item] = (await open311Request('quiet')).json();
    expect(item).toMatchObject({
      service_request_id: filed.quiet.number,
      status: 'open',
      lat: grid.lat,
      long: grid.lon,
      address: 'ul. Puławska, Wilanów',
      description: null,
      media_url: null,
      // The city's fixed words for the status, never a note from the timeline.
      status_notes: PUBLIC_STATUS_TEXTS.IN_PROGRESS.description,
    });
    const [typed] = (await open311Request('typedStreet')).json();
    expect(typed.address).toBe('Wilanów');
    for (const url of [
      `/open311/v2/requests/${caseNumberToSlug(filed.quiet.number)}.xml`,
      '/open311/v2/requests.json',
      '/open311/v2/requests.xml',
    ]) {
      const response = await get(url);
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain(filed.quiet.number);
      expectNoPrivateWords(response.body, url);
    }
    expect((await get('/open311/v2/requests.json')).body).not.toContain(String(exact.lat));
  });

  it('publishes a description only with the resident’s consent, and never the words of a phone case', async () => {
    const definition = (await get('/open311/v2/services/POTHOLE.json')).json();
    expect(definition.attributes.map((a: { code: string }) => a.code)).toContain('PUBLICATION_CONSENT');

    const [consenting] = (await open311Request('consenting')).json();
    expect(consenting.description).toBe(`Dziura zgłoszona z zgodą ${tag}, piszcie na [e-mail]`);
    expect(consenting.address).toBe('ul. Puławska, Wilanów');
    const [viaOpen311] = (await open311Request('open311Consent')).json();
    expect(viaOpen311).toMatchObject({
      description: `Open311 zgoda ${tag}`,
      media_url: `https://photos.example.org/${tag}-open311Consent.jpg`,
    });
    const [quietOpen311] = (await open311Request('open311Quiet')).json();
    expect(quietOpen311).toMatchObject({
      description: null,
      media_url: null,
      service_name: 'Dziura w jezdni',
    });
    const [phone] = (await open311Request('phone')).json();
    expect(phone.description).toBeNull();

    const page = (slug: string) => get(`/api/v1/public/cases/${caseNumberToSlug(slug)}`);
    expect((await page(filed.consenting.number)).json().description).toBe(consenting.description);
    expect((await page(filed.quiet.number)).json()).toMatchObject({
      description: null,
      eventCode: 'POTHOLE',
    });
    expect((await page(filed.phone.number)).json().description).toBeNull();

    const rows = await t.orm.em
      .fork()
      .execute<{ number: string; publication_consent: boolean }[]>(
        'select number, publication_consent from cases where id in (?, ?, ?, ?)',
        [filed.quiet.id, filed.consenting.id, filed.open311Consent.id, filed.open311Quiet.id],
      );
    expect(Object.fromEntries(rows.map((row) => [row.number, row.publication_consent]))).toEqual({
      [filed.quiet.number]: false,
      [filed.consenting.number]: true,
      [filed.open311Consent.number]: true,
      [filed.open311Quiet.number]: false,
    });
  });

  it('leaves cancelled and merged cases out of Open311, open data and the public report page', async () => {
    for (const name of ['cancelled', 'merged']) {
      const slug = caseNumberToSlug(filed[name].number);
      expect((await get(`/open311/v2/requests/${slug}.json`)).statusCode).toBe(404);
      expect((await get(`/open311/v2/requests/${slug}.xml`)).statusCode).toBe(404);
      expect((await get(`/api/v1/public/cases/${slug}`)).statusCode).toBe(404);
    }
    const hidden = [filed.cancelled.number, filed.merged.number];
    for (const url of [
      '/open311/v2/requests.json',
      `/open311/v2/requests.json?service_request_id=${encodeURIComponent(hidden.join(','))}`,
      '/open311/v2/requests.json?status=closed',
      `/api/v1/open-data/notifications?from=${today}&to=${today}&pageSize=1000`,
      `/api/v1/open-data/notifications.csv?from=${today}&to=${today}`,
    ]) {
      const body = (await get(url)).body;
      for (const number of hidden) expect(body).not.toContain(number);
    }
  });

  it('publishes a street only as the register writes it, on the map, nearby, the report page and open data', async () => {
    const map = (await get(`/api/v1/public/cases?bbox=${box}&event=POTHOLE&limit=500`)).json();
    const onMap = new Map(
      map.items.map((item: { number: string; street: string | null }) => [item.number, item]),
    );
    expect(onMap.get(filed.quiet.number)).toMatchObject({
      street: 'ul. Puławska',
      lat: grid.lat,
      lon: grid.lon,
    });
    expect(onMap.get(filed.typedStreet.number)).toMatchObject({ street: null });

    const nearby = (
      await get(`/api/v1/public/cases/nearby?lat=${grid.lat}&lon=${grid.lon}&event=POTHOLE&radius=250`)
    ).json();
    const near = new Map(nearby.items.map((item: { number: string }) => [item.number, item]));
    expect(near.get(filed.quiet.number)).toMatchObject({ street: 'ul. Puławska' });
    expect(near.get(filed.typedStreet.number)).toMatchObject({ street: null });

    expect((await get(`/api/v1/public/cases/${caseNumberToSlug(filed.quiet.number)}`)).json().street).toBe(
      'ul. Puławska',
    );
    expect(
      (await get(`/api/v1/public/cases/${caseNumberToSlug(filed.typedStreet.number)}`)).json().street,
    ).toBeNull();

    const openData = (
      await get(
        `/api/v1/open-data/notifications?from=${today}&to=${today}&district=Wilan%C3%B3w&pageSize=1000`,
      )
    ).json();
    const records = new Map(
      openData.items.map((item: { notificationNumber: string }) => [item.notificationNumber, item]),
    );
    expect(records.get(filed.quiet.number)).toMatchObject({ street: 'ul. Puławska' });
    expect(records.get(filed.typedStreet.number)).toMatchObject({ street: null });
    for (const { url, body } of publicBodies) expectNoPrivateWords(body, url);
  });

  it('measures nearby distances from the published positions and takes the radius in fixed steps', async () => {
    // 13.3 m north of the exact position, 17.8 m north of the published one.
    const from = { lat: exact.lat + 0.00012, lon: exact.lon };
    const response = await get(`/api/v1/public/cases/nearby?lat=${from.lat}&lon=${from.lon}&event=POTHOLE`);
    expect(response.statusCode).toBe(200);
    const quiet = response
      .json()
      .items.find((item: { number: string }) => item.number === filed.quiet.number);
    expect(quiet).toMatchObject({ lat: grid.lat, lon: grid.lon, distanceMeters: 20 });

    for (const radius of ['400', '99.5', '1']) {
      const refused = await get(
        `/api/v1/public/cases/nearby?lat=${grid.lat}&lon=${grid.lon}&event=POTHOLE&radius=${radius}`,
      );
      expect(refused.statusCode).toBe(400);
      expect(refused.json().errors['query.radius']).toContain('100, 250, 500, 1000');
    }
    for (const radius of ['100', '250', '500', '1000']) {
      const accepted = await get(
        `/api/v1/public/cases/nearby?lat=${grid.lat}&lon=${grid.lon}&event=POTHOLE&radius=${radius}`,
      );
      expect(accepted.statusCode).toBe(200);
    }
  });

  it('rate-limits the nearby search per client address', async () => {
    const limited = await startTestApp({ config: { TRACKING_RATE_LIMIT_PER_MINUTE: '2' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const response = await limited.app.inject({
          method: 'GET',
          url: `/api/v1/public/cases/nearby?lat=${grid.lat}&lon=${grid.lon}&event=POTHOLE`,
          remoteAddress: '10.14.0.1',
        });
        statuses.push(response.statusCode);
      }
      expect(statuses).toEqual([200, 200, 429]);
      const other = await limited.app.inject({
        method: 'GET',
        url: `/api/v1/public/cases/nearby?lat=${grid.lat}&lon=${grid.lon}&event=POTHOLE`,
        remoteAddress: '10.14.0.2',
      });
      expect(other.statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('hands out sealed cursors and tokens: forged ones answer 400 naming the parameter', async () => {
    const ids = Object.values(filed).map((f) => f.id);
    const firstPage = (await get(`/api/v1/public/cases?bbox=${box}&status=all&limit=1`)).json();
    const cursor: string = firstPage.nextCursor;
    expect(cursor).toEqual(expect.any(String));
    expect(cursor).not.toMatch(UUID);
    const decoded = Buffer.from(cursor, 'base64url').toString('hex');
    for (const id of ids) expect(decoded).not.toContain(id.replace(/-/g, ''));
    const secondPage = await get(`/api/v1/public/cases?bbox=${box}&status=all&limit=1&cursor=${cursor}`);
    expect(secondPage.statusCode).toBe(200);
    expect(secondPage.json().items[0].number).not.toBe(firstPage.items[0].number);

    const forged = `${cursor.slice(0, 10)}${cursor[10] === 'A' ? 'B' : 'A'}${cursor.slice(11)}`;
    const refused = await get(`/api/v1/public/cases?cursor=${forged}`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toHaveProperty(['query.cursor']);

    const openData = (
      await get(`/api/v1/open-data/notifications?from=${today}&to=${today}&pageSize=1`)
    ).json();
    const after = new URL(openData.next).searchParams.get('after')!;
    expect(after).not.toMatch(UUID);
    const next = await get(openData.next.replace(PUBLIC_URL, ''));
    expect(next.statusCode).toBe(200);
    const forgedAfter = await get(
      `/api/v1/open-data/notifications?from=${today}&to=${today}&pageSize=1&page=2&after=${cursor}`,
    );
    // A map cursor is no open-data cursor, though both are sealed by this server.
    expect(forgedAfter.statusCode).toBe(400);
    expect(forgedAfter.json().errors).toHaveProperty(['query.after']);

    for (const token of open311Tokens) {
      expect(token).not.toMatch(UUID);
      const resolved = await get(`/open311/v2/tokens/${token}.json`);
      expect(resolved.statusCode).toBe(200);
      expect(resolved.json()[0].token).toBe(token);
    }
    // Not through get(): the 404 repeats what was asked, which no public answer may otherwise hold.
    const byId = await t.app.inject({
      method: 'GET',
      url: `/open311/v2/tokens/${filed.open311Quiet.id}.json`,
    });
    expect(byId.statusCode).toBe(404);
  });

  it('lets no internal case id out on any public surface', async () => {
    for (const url of [
      `/api/v1/public/cases?bbox=${box}&status=all&limit=500`,
      `/api/v1/public/cases/nearby?lat=${grid.lat}&lon=${grid.lon}&event=POTHOLE&radius=1000`,
      `/api/v1/public/cases/${caseNumberToSlug(filed.quiet.number)}`,
      `/api/v1/open-data/notifications?from=${today}&to=${today}&pageSize=1`,
      `/api/v1/open-data/notifications.csv?from=${today}&to=${today}`,
      '/open311/v2/requests.json',
      '/open311/v2/requests.xml',
      '/api/v1/announcements/feed.atom?lang=pl',
      '/api/v1/portal/settings',
    ]) {
      expect((await get(url)).statusCode).toBe(200);
    }
    const ids = Object.values(filed).map((f) => f.id);
    for (const { url, body } of publicBodies) {
      for (const id of ids) {
        if (body.includes(id)) throw new Error(`${url} publishes the case id ${id}`);
      }
    }

    // The answers that file a case name it by number and tracking token only: no UUID at all.
    const intake = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      payload: { kind: 'INFORMATION', description: 'Kiedy wywóz gabarytów na Wilanowie?' },
    });
    expect(intake.statusCode).toBe(201);
    const chat = await t.app.inject({ method: 'POST', url: '/api/v1/chat', payload: {} });
    expect(chat.statusCode).toBe(201);
    const { id: chatId, token } = chat.json<{ id: string; token: string }>();
    const leftMessage = await t.app.inject({
      method: 'POST',
      url: `/api/v1/chat/${chatId}/leave-message`,
      payload: { token, message: 'Proszę o kontakt w sprawie wywozu gabarytów.' },
    });
    expect(leftMessage.statusCode).toBe(201);
    for (const [url, answer] of [
      ['POST /api/v1/cases', intake],
      ['POST /api/v1/chat/:id/leave-message', leftMessage],
    ] as const) {
      expect(answer.json()).toMatchObject({ number: expect.any(String), trackingToken: expect.any(String) });
      expect({ url, uuid: UUID.exec(answer.body)?.[0] ?? null }).toEqual({ url, uuid: null });
    }
  });
});
