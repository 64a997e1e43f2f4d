import { randomUUID } from 'node:crypto';
import { caseNumberToSlug } from '../../domain/cases/case-number';
import { MAX_FOLLOWERS_PER_CASE } from '../../services/cases/case-followers';
import {
  caseIdOfNumber,
  confirmCaseContact,
  eventually,
  startTestApp,
  type TestApp,
} from '../support/integration';
import { startSmtpListener, type ParsedMail, type SmtpListener } from '../support/smtp-listener';

interface Filed {
  id: string;
  number: string;
  trackingToken: string;
}

const PUBLIC_URL = 'https://19115.test';

/** Metres north and east of a point, in degrees (good enough within a kilometre or two). */
function offset(point: { lat: number; lon: number }, northMeters: number, eastMeters: number) {
  return {
    lat: point.lat + northMeters / 111_320,
    lon: point.lon + eastMeters / (111_320 * Math.cos((point.lat * Math.PI) / 180)),
  };
}

/**
 * "Is this your problem?" and following: nearby open cases of the same event, a case's public
 * view, and a follower mailed (on a real SMTP listener) when unit staff resolve the case through
 * the back office, with an unsubscribe link that works. With a worker, so cases take their real path.
 */
describe('nearby cases, public case view and followers', () => {
  let smtp: SmtpListener;
  let t: TestApp;
  // A spot of this file's own (other suites file potholes too), in the fields north of Białołęka.
  // On the grid of published positions (four decimals), so a distance published to 10 m is certain.
  const here = {
    lat: Math.round((52.36 + Math.random() * 0.02) * 10_000) / 10_000,
    lon: Math.round((20.9 + Math.random() * 0.05) * 10_000) / 10_000,
  };
  const tag = randomUUID().slice(0, 8);
  const reporter = {
    name: `Anna Kowalska ${tag}`,
    email: `anna-${tag}@resident.test`,
    phone: '+48 600 100 200',
  };
  const secretDescription = `Głęboka dziura przed moim domem, sąsiad z mieszkania 4 wie więcej ${tag}`;
  let a: Filed;
  let b: Filed;
  let otherEvent: Filed;
  let farAway: Filed;

  beforeAll(async () => {
    smtp = await startSmtpListener();
    t = await startTestApp({
      worker: true,
      demoUsers: true,
      config: {
        SMTP_URL: smtp.url,
        PUBLIC_URL,
        MAIL_FROM: 'Kontakt 19115 <kontakt@19115.test>',
        // Six seconds to reopen: resolved cases close while the file runs.
        CASE_REOPEN_WINDOW_MINUTES: '0.1',
      },
    });
  });

  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  async function file(
    eventCode: string,
    point: { lat: number; lon: number },
    building = '12',
  ): Promise<Filed> {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      payload: {
        kind: 'INCIDENT',
        eventCode,
        description: secretDescription,
        district: 'Białołęka',
        location: { ...point, street: 'Modlińska', building },
        contact: reporter,
        channel: 'PORTAL',
        language: 'pl',
      },
    });
    expect(response.statusCode).toBe(201);
    const answer = response.json<Omit<Filed, 'id'>>();
    return { ...answer, id: await caseIdOfNumber(t.orm, answer.number) };
  }

  async function statusOf(filed: Filed): Promise<string> {
    const rows = await t.orm.em
      .fork()
      .execute<{ status: string }[]>('select status from cases where id = ?', [filed.id]);
    return rows[0].status;
  }

  const reach = (filed: Filed, statuses: string[]) =>
    eventually(async () => statuses.includes(await statusOf(filed)), {
      what: `${filed.number} to reach ${statuses}`,
    });

  async function act(username: string, filed: Filed, action: string, body: Record<string, unknown>) {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${filed.id}/actions/${action}`,
      headers: { authorization: await t.authorization(username) },
      payload: body,
    });
    expect([200, 202]).toContain(response.statusCode);
    return response;
  }

  const get = (url: string) => t.app.inject({ method: 'GET', url });
  const follow = (slug: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: `/api/v1/public/cases/${slug}/followers`, payload });

  /** Nothing a resident told only the city may appear in a public answer. */
  function expectAnonymous(body: string) {
    for (const secret of [
      secretDescription,
      reporter.name,
      reporter.email,
      reporter.phone,
      a.trackingToken,
    ]) {
      expect(body).not.toContain(secret);
    }
    expect(body).not.toMatch(/"(contact|building|contactEmail|contactName|note)"/);
    // None of these cases was filed with consent to publish its description.
    expect(body).not.toMatch(/"description":"/);
  }

  it('lists only open cases of the same event nearby, nearest first, anonymised', async () => {
    a = await file('POTHOLE', here);
    await reach(a, ['FORWARDED']);
    b = await file('POTHOLE', { lat: here.lat + 0.0002, lon: here.lon }, '14');
    otherEvent = await file('STREETLIGHT_OUT', offset(here, 0, 10));
    farAway = await file('POTHOLE', offset(here, 2000, 0));
    await Promise.all([b, otherEvent, farAway].map((filed) => reach(filed, ['TRIAGE', 'FORWARDED'])));

    const from = { lat: here.lat - 0.0001, lon: here.lon };
    const response = await get(`/api/v1/public/cases/nearby?lat=${from.lat}&lon=${from.lon}&event=POTHOLE`);
    expect(response.statusCode).toBe(200);
    const { items } = response.json<{ items: Record<string, unknown>[] }>();
    expect(items.map((i) => i.number)).toEqual([a.number, b.number]);
    expect(Object.keys(items[0]).sort()).toEqual(
      [
        'createdAt',
        'district',
        'distanceMeters',
        'eventCode',
        'lat',
        'lon',
        'number',
        'status',
        'street',
      ].sort(),
    );
    // The street as the register writes it, without the building.
    expect(items[0]).toMatchObject({ eventCode: 'POTHOLE', street: 'ul. Modlińska', district: 'Białołęka' });
    // 11 m and 33 m, published to 10 m.
    expect(items[0].distanceMeters).toBe(10);
    expect(items[1].distanceMeters).toBe(30);
    // Published to four decimals, about 10 m, like the map.
    expect(String(items[0].lat).split('.')[1]?.length ?? 0).toBeLessThanOrEqual(4);
    expectAnonymous(response.body);

    const wider = await get(
      `/api/v1/public/cases/nearby?lat=${here.lat}&lon=${here.lon}&event=POTHOLE&radius=1000`,
    );
    expect(wider.json().items.map((i: { number: string }) => i.number)).toEqual([a.number, b.number]);
    const light = await get(
      `/api/v1/public/cases/nearby?lat=${here.lat}&lon=${here.lon}&event=STREETLIGHT_OUT`,
    );
    expect(light.json().items.map((i: { number: string }) => i.number)).toEqual([otherEvent.number]);
  });

  it.each([
    ['no event', 'lat=52.2&lon=21', 'query.event'],
    ['a malformed event', 'lat=52.2&lon=21&event=pothole', 'query.event'],
    ['no latitude', 'lon=21&event=POTHOLE', 'query.lat'],
    ['a latitude out of range', 'lat=95&lon=21&event=POTHOLE', 'query.lat'],
    ['a radius over 1000 m', 'lat=52.2&lon=21&event=POTHOLE&radius=1001', 'query.radius'],
    ['a radius of 0', 'lat=52.2&lon=21&event=POTHOLE&radius=0', 'query.radius'],
    ['a radius between the steps', 'lat=52.2&lon=21&event=POTHOLE&radius=300', 'query.radius'],
  ])('refuses a nearby search with %s', async (_what, query, field) => {
    const response = await get(`/api/v1/public/cases/nearby?${query}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toHaveProperty([field]);
  });

  it('shows one case publicly: status, place, history of statuses and followers, nothing private', async () => {
    const response = await get(`/api/v1/public/cases/${caseNumberToSlug(a.number)}`);
    expect(response.statusCode).toBe(200);
    const view = response.json();
    expect(view).toMatchObject({
      number: a.number,
      eventCode: 'POTHOLE',
      status: 'FORWARDED',
      street: 'ul. Modlińska',
      district: 'Białołęka',
      // Filed without consent to publish it.
      description: null,
      followers: 0,
    });
    expect(Object.keys(view).sort()).toEqual(
      [
        'createdAt',
        'description',
        'district',
        'eventCode',
        'followers',
        'history',
        'lat',
        'lon',
        'number',
        'status',
        'street',
        'updatedAt',
      ].sort(),
    );
    expect(view.history.at(-1)).toEqual({ at: expect.any(String), status: 'FORWARDED' });
    for (const entry of view.history) expect(Object.keys(entry).sort()).toEqual(['at', 'status']);
    expectAnonymous(response.body);
  });

  it('answers 400 for a malformed number and 404 for unknown cases and private kinds', async () => {
    expect((await get('/api/v1/public/cases/12345')).statusCode).toBe(400);
    const unknown = await get('/api/v1/public/cases/999999-99');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toContain('999999/99');

    const question = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      payload: {
        kind: 'INFORMATION',
        description: 'Kiedy będzie naprawiona ulica?',
        location: { ...here, street: `Testowa ${tag}` },
        contact: reporter,
      },
    });
    expect(question.statusCode).toBe(201);
    const slug = caseNumberToSlug(question.json().number);
    expect((await get(`/api/v1/public/cases/${slug}`)).statusCode).toBe(404);
    expect((await follow(slug, { email: `x-${tag}@resident.test` })).statusCode).toBe(404);
  });

  it('mails a follower when unit staff resolve the case, without private data, with a working unsubscribe link', async () => {
    const followerEmail = `follower-${tag}@resident.test`;
    const slug = caseNumberToSlug(a.number);
    const first = await follow(slug, { email: followerEmail, language: 'en' });
    expect(first.statusCode).toBe(202);
    expect(first.json()).toEqual({ number: a.number, following: true });
    // Following again, however capitalised, is the same single subscription.
    expect((await follow(slug, { email: followerEmail.toUpperCase(), language: 'pl' })).statusCode).toBe(202);
    expect((await get(`/api/v1/public/cases/${slug}`)).json().followers).toBe(1);
    // Mailed only once the address confirmed, through the link of the one mail it got.
    const confirmation = await smtp.waitFor(
      (m) => JSON.stringify(m.to).includes(followerEmail) && /^Confirm following/.test(m.subject ?? ''),
    );
    const confirmLink = /https:\/\/19115\.test(\/api\/v1\/public\/followers\/[A-Za-z0-9_-]+\/confirm)/.exec(
      confirmation.text ?? '',
    );
    const confirmed = await t.app.inject({
      method: 'POST',
      url: confirmLink![1],
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });
    expect(confirmed.statusCode).toBe(200);
    // The reporter confirmed their own address too: the test compares their mail with the follower's.
    await confirmCaseContact(t, a.number);

    await act('zdm', a, 'resolve', { note: `Załatano. Pani ${reporter.name} prosiła o kontakt.` });
    const mail: ParsedMail = await smtp.waitFor(
      (m) =>
        m.to !== undefined &&
        JSON.stringify(m.to).includes(followerEmail) &&
        !/^Confirm following/.test(m.subject ?? ''),
      20_000,
    );
    expect(mail.subject).toBe(`Report ${a.number} you follow has been resolved`);
    const text = mail.text ?? '';
    expect(text).toContain('Pothole in the road');
    expect(text).toContain('ul. Modlińska, Białołęka');
    for (const secret of [
      reporter.name,
      reporter.email,
      reporter.phone,
      secretDescription,
      a.trackingToken,
      'Załatano',
    ]) {
      expect(text).not.toContain(secret);
      expect(String(mail.html)).not.toContain(secret);
    }
    expect(text).not.toContain('/portal/track/');
    const link = /https:\/\/19115\.test(\/api\/v1\/public\/followers\/[A-Za-z0-9_-]+\/unsubscribe)/.exec(
      text,
    );
    expect(link).not.toBeNull();
    const listUnsubscribe = mail.headerLines.find((h) => h.key === 'list-unsubscribe');
    expect(listUnsubscribe?.line).toContain(`<${PUBLIC_URL}${link![1]}>`);
    // The reporter still gets their own mail, with the unit's note.
    const own = await smtp.waitFor(
      (m) => JSON.stringify(m.to).includes(reporter.email) && /Załatano/.test(m.text ?? ''),
    );
    expect(own.subject).toContain(a.number);

    const page = await get(link![1]);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<form method="post">');
    // Opening the link (as mail scanners do) unsubscribes nobody; the button does.
    expect((await get(`/api/v1/public/cases/${slug}`)).json().followers).toBe(1);
    const unsubscribed = await t.app.inject({
      method: 'POST',
      url: link![1],
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });
    expect(unsubscribed.statusCode).toBe(200);
    expect(unsubscribed.body).toContain(a.number);
    expect((await get(`/api/v1/public/cases/${slug}`)).json().followers).toBe(0);
    expect((await get(link![1])).statusCode).toBe(404);
    const oneClick = await t.app.inject({
      method: 'POST',
      url: link![1],
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.statusCode).toBe(404);
    expect((await get('/api/v1/public/followers/not a token/unsubscribe')).statusCode).toBe(400);
  });

  it('mails no follower who unsubscribed when the case closes', async () => {
    await reach(a, ['CLOSED']);
    await smtp.waitFor(
      (m) => JSON.stringify(m.to).includes(reporter.email) && /zamknięt/i.test(m.subject ?? ''),
    );
    const toFollower = smtp.messages.filter(
      (m) => JSON.stringify(m.to).includes(`follower-${tag}@`) && !/^Confirm following/.test(m.subject ?? ''),
    );
    expect(toFollower.map((m) => m.subject)).toEqual([`Report ${a.number} you follow has been resolved`]);
  });

  it('shows a recently resolved case on the map as resolved, and not once it is old', async () => {
    const box = `${here.lon - 0.01},${here.lat - 0.01},${here.lon + 0.01},${here.lat + 0.01}`;
    const resolved = await get(`/api/v1/public/cases?bbox=${box}&status=resolved`);
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json().items.map((i: { number: string }) => i.number)).toEqual([a.number]);
    await t.orm.em
      .fork()
      .execute(`update cases set updated_at = now() - interval '31 days' where id = ?`, [a.id]);
    const later = await get(`/api/v1/public/cases?bbox=${box}&status=resolved`);
    expect(later.json().items).toEqual([]);
    const all = await get(`/api/v1/public/cases?bbox=${box}&status=all`);
    expect(all.json().items.map((i: { number: string }) => i.number)).not.toContain(a.number);
  });

  it('refuses bad follower requests: 400 for bad bodies, 409 for a closed case', async () => {
    const slug = caseNumberToSlug(b.number);
    for (const payload of [
      {},
      { email: 'not-an-email' },
      { email: `ok-${tag}@resident.test`, language: 'de' },
    ]) {
      const response = await follow(slug, payload);
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('VALIDATION_FAILED');
    }
    expect((await follow('999999-99', { email: `ok-${tag}@resident.test` })).statusCode).toBe(404);

    await act('clerk', farAway, 'cancel', { note: 'Zgłoszenie testowe' });
    await reach(farAway, ['CANCELLED']);
    // A cancelled report leaves the public eye altogether.
    expect(
      (await follow(caseNumberToSlug(farAway.number), { email: `ok-${tag}@resident.test` })).statusCode,
    ).toBe(404);
    await reach(otherEvent, ['FORWARDED']);
    await act('zdm', otherEvent, 'resolve', { note: 'Wymieniono żarnik' });
    await reach(otherEvent, ['CLOSED']);
    const closed = await follow(caseNumberToSlug(otherEvent.number), { email: `ok-${tag}@resident.test` });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().message).toContain(otherEvent.number);
  });

  it(`caps a case at ${MAX_FOLLOWERS_PER_CASE} followers`, async () => {
    await t.orm.em.fork().execute(
      `insert into case_followers (case_id, email, language, unsubscribe_token)
       select ?, 'bulk-' || n || '-${tag}@resident.test', 'pl', md5(random()::text || n)
       from generate_series(1, ?) n`,
      [b.id, MAX_FOLLOWERS_PER_CASE - 1],
    );
    const slug = caseNumberToSlug(b.number);
    expect((await follow(slug, { email: `last-${tag}@resident.test` })).statusCode).toBe(202);
    const over = await follow(slug, { email: `one-too-many-${tag}@resident.test` });
    expect(over.statusCode).toBe(409);
    expect(over.json().message).toContain(String(MAX_FOLLOWERS_PER_CASE));
    // An address already following is still told it follows.
    expect((await follow(slug, { email: `last-${tag}@resident.test` })).statusCode).toBe(202);
    expect((await get(`/api/v1/public/cases/${slug}`)).json().followers).toBe(MAX_FOLLOWERS_PER_CASE);
  });

  it('rate-limits following like filing', async () => {
    const limited = await startTestApp({ config: { INTAKE_RATE_LIMIT_PER_MINUTE: '2' } });
    try {
      const slug = caseNumberToSlug(b.number);
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const response = await limited.app.inject({
          method: 'POST',
          url: `/api/v1/public/cases/${slug}/followers`,
          payload: { email: `last-${tag}@resident.test` },
        });
        statuses.push(response.statusCode);
      }
      expect(statuses).toEqual([202, 202, 429]);
    } finally {
      await limited.close();
    }
  });
});
