import { randomUUID } from 'node:crypto';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import committedSchema from '../../api/open-data/notification.schema.json';
import { caseIdOfNumber, eventually, startTestApp, type TestApp } from '../support/integration';
import { startSmtpListener, type SmtpListener } from '../support/smtp-listener';

interface NotificationRecord {
  notificationNumber: string;
  notificationType: string;
  category: string;
  district: string | null;
  street: string | null;
  xCoordWGS84: number | null;
  yCoordWGS84: number | null;
  createDate: number;
  statuses: { status: string; description: string; changeDate: number }[];
}

interface NotificationsPage {
  items: NotificationRecord[];
  page: number;
  pageSize: number;
  total: number;
  next: string | null;
}

const PUBLIC_URL = 'https://19115.example.test';
const warsawDay = (date: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(date);

/** The smallest RFC 4180 reader: quoted fields with doubled quotes, CRLF between records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += char;
  }
  if (field || row.length) throw new Error('the CSV does not end with CRLF');
  return rows;
}

/**
 * Open data: every case of the chosen days in the city's 19115 layout, anonymised. The test files
 * cases full of personal data, then searches the exports for every piece of it.
 */
describe('open data export of cases', () => {
  let fixture: TestApp;
  let smtp: SmtpListener;
  const mark = `q${randomUUID().slice(0, 8)}`;
  const today = warsawDay(new Date());
  const planted = {
    name: `Grzegorz Brzęczyszczykiewicz ${mark}`,
    email: `sasiad.${mark}@example.com`,
    phone: '+48 601 234 567',
    building: `77B/${mark.slice(0, 3)}`,
    secret: `Tajemnica-${mark}`,
    note: `Oddzwonić do pana Grzegorza ${mark}`,
  };
  const tokens: string[] = [];
  const numbers: Record<string, string> = {};

  beforeAll(async () => {
    // The residents' acknowledgements go somewhere real, as in production.
    smtp = await startSmtpListener();
    fixture = await startTestApp({
      worker: true,
      demoUsers: true,
      config: { PUBLIC_URL, SMTP_URL: smtp.url },
    });
    const description = `${planted.secret}: dziura przed domem. Kontakt: ${planted.name}, ${planted.email}, tel. ${planted.phone}`;
    const file = async (name: string, body: Record<string, unknown>) => {
      const response = await fixture.app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        payload: { description, language: 'pl', ...body },
      });
      expect(response.statusCode).toBe(201);
      const created = response.json<{ number: string; trackingToken: string }>();
      tokens.push(created.trackingToken);
      numbers[name] = created.number;
      return { ...created, id: await caseIdOfNumber(fixture.orm, created.number) };
    };
    const contact = { name: planted.name, email: planted.email, phone: planted.phone };
    const pothole = await file('pothole', {
      kind: 'INCIDENT',
      eventCode: 'POTHOLE',
      district: 'Mokotów',
      location: { lat: 52.1934567, lon: 21.0345678, street: 'Puławska', building: planted.building },
      contact,
    });
    await file('typedStreet', {
      kind: 'INCIDENT',
      eventCode: 'POTHOLE',
      district: 'Wola',
      channel: 'MOBILE',
      location: { lat: 52.23, lon: 20.98, street: `${planted.email} tel 601234567` },
      contact,
    });
    await file('quotedStreet', {
      kind: 'INCIDENT',
      eventCode: 'POTHOLE',
      district: 'Rembertów',
      location: { lat: 52.258, lon: 21.15, street: 'al. Generała Antoniego Chruściela "Montera" 5' },
    });
    await file('remarkStreet', {
      kind: 'INCIDENT',
      eventCode: 'POTHOLE',
      district: 'Śródmieście',
      location: { lat: 52.2319, lon: 21.0067, street: 'Al. Solidarności, przy "Arsenale"' },
    });
    await file('complaint', { kind: 'COMPLAINT', district: 'Mokotów', contact });
    await file('question', { kind: 'INFORMATION', contact });
    await file('suggestion', { kind: 'SUGGESTION', contact });

    // A public note from the unit: residents see it in tracking, open data never does.
    const clerk = await fixture.authorization('clerk');
    await eventually(
      async () => {
        const response = await fixture.app.inject({
          method: 'POST',
          url: `/api/cases/${pothole.id}/actions/comment`,
          headers: { authorization: clerk },
          payload: { note: planted.note, isPublic: true },
        });
        return response.statusCode === 200;
      },
      { what: 'the clerk comments on the case' },
    );
    // The report moves on (routed to its unit) before it is exported.
    await eventually(
      async () => {
        const page = await notifications(`?from=${today}&to=${today}&district=Mokot%C3%B3w&pageSize=1000`);
        const record = page.items.find((item) => item.notificationNumber === numbers.pothole);
        return record && record.statuses.length > 1;
      },
      { what: 'the pothole has a status history' },
    );
  });
  afterAll(async () => {
    await fixture?.close();
    await smtp?.close();
  });

  async function get(url: string) {
    return fixture.app.inject({ method: 'GET', url });
  }

  async function notifications(query: string): Promise<NotificationsPage> {
    const response = await get(`/api/v1/open-data/notifications${query}`);
    expect(response.statusCode).toBe(200);
    return response.json<NotificationsPage>();
  }

  function expectNothingPersonal(output: string) {
    for (const value of [
      planted.name,
      planted.email,
      planted.phone,
      planted.phone.replace(/\D/g, '').slice(2),
      planted.building,
      planted.secret,
      planted.note,
      mark,
      'Brzęczyszczykiewicz',
      'dziura przed domem',
      ...tokens,
    ]) {
      expect(output).not.toContain(value);
    }
  }

  it('publishes reports and complaints without personal data or free text', async () => {
    const response = await get(`/api/v1/open-data/notifications?from=${today}&to=${today}&pageSize=1000`);
    expect(response.statusCode).toBe(200);
    expectNothingPersonal(response.body);
    const { items } = response.json<NotificationsPage>();
    const byNumber = new Map(items.map((item) => [item.notificationNumber, item]));
    expect(byNumber.has(numbers.question)).toBe(false);
    expect(byNumber.has(numbers.suggestion)).toBe(false);
    expect(byNumber.get(numbers.complaint)).toMatchObject({
      notificationType: 'COMPLAINT',
      category: 'Reklamacja',
      district: 'Mokotów',
      xCoordWGS84: null,
    });
    const pothole = byNumber.get(numbers.pothole)!;
    expect(pothole).toMatchObject({
      notificationType: 'INCIDENT',
      category: 'Awaria / Interwencja',
      subcategory: 'Drogi',
      event: 'Dziura w jezdni',
      city: 'Warszawa',
      district: 'Mokotów',
      // As the street register writes it, whatever the resident typed.
      street: 'ul. Puławska',
      street2: null,
      aparmentNumber: null,
      xCoordWGS84: 21.0346,
      yCoordWGS84: 52.1935,
      source: 'PORTAL',
      deviceType: 'WWW',
    });
    expect(pothole.statuses[0]).toMatchObject({ status: 'Nowe', changeDate: pothole.createDate });
    expect(pothole.statuses.length).toBeGreaterThan(1);
    const changes = pothole.statuses.map((s) => s.changeDate);
    expect(changes).toEqual([...changes].sort((a, b) => a - b));
    // A street that is not a street of the register is left out rather than published.
    expect(byNumber.get(numbers.typedStreet)).toMatchObject({ street: null, source: 'MOBILE' });
    expect(byNumber.get(numbers.remarkStreet)).toMatchObject({ street: null });
  });

  it('validates every record against the committed JSON Schema, which the API also serves', async () => {
    const served = await get('/api/v1/open-data/notification.schema.json');
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toContain('application/schema+json');
    const { $id, ...servedSchema } = served.json<Record<string, unknown>>();
    expect($id).toBe(`${PUBLIC_URL}/api/v1/open-data/notification.schema.json`);
    expect(servedSchema).toEqual(committedSchema);

    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
    addFormats(ajv);
    const validate = ajv.compile(committedSchema);
    const { items: all } = await notifications(`?from=${today}&to=${today}&pageSize=1000`);
    // This file's own cases: other test files plant rows directly in SQL (numbers in other formats)
    // that the intake would never create, and the run shares one database.
    const ours = new Set(Object.values(numbers));
    const items = all.filter((item) => ours.has(item.notificationNumber));
    expect(items.length).toBeGreaterThanOrEqual(4);
    for (const item of items) {
      if (!validate(item)) throw new Error(`${item.notificationNumber}: ${ajv.errorsText(validate.errors)}`);
    }
    // The schema is strict enough to notice a leak.
    expect(validate({ ...items[0], contactEmail: planted.email })).toBe(false);
    expect(validate({ ...items[0], aparmentNumber: '12' })).toBe(false);
  });

  it('pages in a stable order without duplicates or gaps', async () => {
    // Three reports filed within one millisecond (rows written by SQL carry microseconds): a page
    // boundary falls between two of them, and the `next` link must neither repeat nor skip one.
    const sameMillisecond: string[] = [];
    for (let micro = 100; micro <= 300; micro += 100) {
      const number = `${Math.floor(Math.random() * 900_000) + 100_000}/96`;
      sameMillisecond.push(number);
      await fixture.orm.em.fork().execute(
        `insert into cases (id, number, kind, status, channel, description, district, created_at, updated_at, workflow_started_at)
         values (?, ?, 'INCIDENT', 'FORWARDED', 'PORTAL', 'Zgłoszenie z mikrosekundami', 'Wola',
                 date_trunc('milliseconds', now()) - interval '1 second' + make_interval(secs => ? / 1e6), now(), now())`,
        [randomUUID(), number, micro],
      );
    }
    const everything = await notifications(`?from=${today}&to=${today}&pageSize=1000`);
    expect(everything.items.map((item) => item.notificationNumber)).toEqual(
      expect.arrayContaining(sameMillisecond),
    );
    const collected: string[] = [];
    let url: string | null = `/api/v1/open-data/notifications?from=${today}&to=${today}&pageSize=2`;
    let pages = 0;
    while (url) {
      const response = await get(url);
      expect(response.statusCode).toBe(200);
      const page = response.json<NotificationsPage>();
      expect(page.pageSize).toBe(2);
      expect(page.page).toBe(pages + 1);
      expect(page.total).toBe(everything.total);
      collected.push(...page.items.map((item) => item.notificationNumber));
      pages++;
      url = page.next ? page.next.replace(PUBLIC_URL, '') : null;
      if (url) expect(page.next!.startsWith(`${PUBLIC_URL}/api/v1/open-data/notifications?`)).toBe(true);
    }
    expect(pages).toBe(Math.ceil(everything.total / 2));
    expect(new Set(collected).size).toBe(collected.length);
    expect(collected).toEqual(everything.items.map((item) => item.notificationNumber));
    expect(everything.total).toBe(everything.items.length);
    const dates = everything.items.map((item) => item.createDate);
    expect(dates).toEqual([...dates].sort((a, b) => a - b));
    const beyond = await notifications(`?from=${today}&to=${today}&pageSize=2&page=${pages + 1}`);
    expect(beyond).toMatchObject({ items: [], next: null });
  });

  it('filters by district and by Warsaw days', async () => {
    const mokotow = await notifications(`?from=${today}&to=${today}&district=Mokot%C3%B3w&pageSize=1000`);
    expect(mokotow.items.every((item) => item.district === 'Mokotów')).toBe(true);
    expect(mokotow.items.map((item) => item.notificationNumber)).toEqual(
      expect.arrayContaining([numbers.pothole, numbers.complaint]),
    );
    const wola = await notifications(`?from=${today}&to=${today}&district=Wola&pageSize=1000`);
    expect(wola.items.map((item) => item.notificationNumber)).toEqual(
      expect.arrayContaining([numbers.typedStreet]),
    );
    expect(wola.items.map((item) => item.notificationNumber)).not.toContain(numbers.pothole);

    const yesterday = warsawDay(new Date(Date.now() - 24 * 60 * 60 * 1000));
    const before = await notifications(`?from=${yesterday}&to=${yesterday}&pageSize=1000`);
    expect(before.items.map((item) => item.notificationNumber)).not.toContain(numbers.pothole);
    // Without dates: the last 30 days up to today.
    const recent = await notifications('?pageSize=1000');
    expect(recent.items.map((item) => item.notificationNumber)).toContain(numbers.pothole);
  });

  it('exports the same records as CSV: BOM, RFC 4180 quoting, one row per case', async () => {
    const response = await get(`/api/v1/open-data/notifications.csv?from=${today}&to=${today}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="zgloszenia_${today}_${today}.csv"`,
    );
    const raw = response.rawPayload;
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expectNothingPersonal(response.body);
    const [header, ...rows] = parseCsv(response.body.replace(/^\uFEFF/, ''));
    expect(header.slice(0, 3)).toEqual(['notificationNumber', 'category', 'subcategory']);
    expect(header).toEqual(expect.arrayContaining(['status', 'statusDescription', 'statusChangeDate']));
    expect(rows.every((row) => row.length === header.length)).toBe(true);
    const json = await notifications(`?from=${today}&to=${today}&pageSize=1000`);
    expect(rows.map((row) => row[0])).toEqual(json.items.map((item) => item.notificationNumber));
    const column = (name: string) => header.indexOf(name);
    const quoted = rows.find((row) => row[0] === numbers.quotedStreet)!;
    expect(quoted[column('street')]).toBe('al. Generała Antoniego Chruściela "Montera"');
    expect(response.body).toContain('"al. Generała Antoniego Chruściela ""Montera"""');
    const pothole = rows.find((row) => row[0] === numbers.pothole)!;
    const record = json.items.find((item) => item.notificationNumber === numbers.pothole)!;
    const current = record.statuses[record.statuses.length - 1];
    expect(pothole[column('status')]).toBe(current.status);
    expect(pothole[column('statusChangeDate')]).toBe(new Date(current.changeDate).toISOString());
    expect(pothole[column('createDate')]).toBe(new Date(record.createDate).toISOString());
    expect(pothole[column('aparmentNumber')]).toBe('');

    const district = await get(`/api/v1/open-data/notifications.csv?from=${today}&to=${today}&district=Wola`);
    expect(district.headers['content-disposition']).toBe(
      `attachment; filename="zgloszenia_${today}_${today}_wola.csv"`,
    );
    const districtRows = parseCsv(district.body.replace(/^\uFEFF/, '')).slice(1);
    expect(districtRows.every((row) => row[column('district')] === 'Wola')).toBe(true);
  });

  it('answers 400 naming the problem', async () => {
    const refused = async (query: string, field: string, words: string) => {
      for (const path of ['notifications', 'notifications.csv']) {
        const response = await get(`/api/v1/open-data/${path}${query}`);
        expect(response.statusCode).toBe(400);
        const body = response.json<{ message: string; errors: Record<string, string> }>();
        expect(Object.keys(body.errors)).toContain(field);
        expect(body.message).toContain(words);
      }
    };
    await refused('?from=2026-02-30&to=2026-03-01', 'query.from', 'calendar date');
    await refused('?from=01.02.2026', 'query.from', 'YYYY-MM-DD');
    await refused('?from=2026-03-02&to=2026-03-01', 'query.from', 'after');
    await refused('?from=2024-01-01&to=2025-01-01', 'query.to', '367 days');
    await refused('?district=Atlantyda', 'query.district', 'Atlantyda');
    await refused('?distrct=Wola', 'query', 'distrct');
    const tooBig = await get('/api/v1/open-data/notifications?pageSize=1001');
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json<{ message: string }>().message).toContain('pageSize');
    // A leap year's 366 days are one range.
    expect((await get('/api/v1/open-data/notifications?from=2024-01-01&to=2024-12-31')).statusCode).toBe(200);
  });
});
