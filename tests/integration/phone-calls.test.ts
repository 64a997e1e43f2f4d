import { randomUUID } from 'node:crypto';
import { buildApp } from '../../api/app';
import { Case } from '../../db/entities';
import { caseSettings, startCaseWorkflow } from '../../services/cases/start-case-workflow';
import { createTemporalClient } from '../../services/temporal/temporal-client';
import { freePort } from '../support/free-port';
import {
  caseIdOfNumber,
  eventually,
  integrationConfig,
  startTestApp,
  type TestApp,
} from '../support/integration';
import { startSmtpListener, type SmtpListener } from '../support/smtp-listener';

interface RecordedCall {
  id: string;
  number: string;
  status: string;
  channel: string;
  answeredOnIntake: boolean;
  call: { startedAt: string | null; endedAt: string | null; durationSeconds: number };
}

interface EventRow {
  type: string;
  actor: string;
  actor_role: string | null;
  note: string | null;
  payload: Record<string, unknown> | null;
}

/**
 * The phone channel on the real Temporal dev server and PostgreSQL: a clerk records calls through
 * `POST /api/calls`, the case workflow takes the clerk's classification (or the answer given
 * during the call), and the clerk finds a caller's earlier cases by e-mail or phone.
 */
describe('phone calls recorded by clerks', () => {
  let smtp: SmtpListener;
  let fixture: TestApp;

  beforeAll(async () => {
    smtp = await startSmtpListener();
    // Three seconds to reopen: an answered call closes while the test watches.
    fixture = await startTestApp({
      worker: true,
      demoUsers: true,
      config: { SMTP_URL: smtp.url, CASE_REOPEN_WINDOW_MINUTES: '0.05' },
    });
    await fixture.orm.em.fork()
      .execute(`insert into taxonomy_events (code, subcategory, name, name_en, default_unit, priority,
        resolution_hours, allows_anonymous) values ('PHONE_TEST_NAMED', 'ROADS', 'Zgłoszenie imienne',
        'Named report', 'ZDM', 'normal', 72, false) on conflict do nothing`);
  });
  afterAll(async () => {
    await fixture?.close();
    await smtp?.close();
  });

  async function recordCall(body: Record<string, unknown>, options: { as?: string; key?: string } = {}) {
    return fixture.app.inject({
      method: 'POST',
      url: '/api/calls',
      headers: {
        authorization: await fixture.authorization(options.as ?? 'clerk'),
        ...(options.key ? { 'idempotency-key': options.key } : {}),
      },
      payload: body,
    });
  }

  async function events(caseId: string): Promise<EventRow[]> {
    return fixture.orm.em
      .fork()
      .execute<EventRow[]>(
        'select type, actor, actor_role, note, payload from case_events where case_id = ? order by id',
        [caseId],
      );
  }

  const statusOf = async (caseId: string) =>
    (await fixture.orm.em.fork().findOneOrFail(Case, { id: caseId }, { refresh: true })).status;

  const reach = (caseId: string, statuses: string[]) =>
    eventually(async () => statuses.includes(await statusOf(caseId)) && statusOf(caseId), {
      what: `case ${caseId} to reach ${statuses.join(' or ')}`,
    });

  it('records an incident call as a PHONE case the workflow routes, with the clerk and the call length', async () => {
    const response = await recordCall({
      caller: { name: 'Anna Nowak', phone: '+48 601 200 300' },
      kind: 'INCIDENT',
      eventCode: 'POTHOLE',
      location: { district: 'Ursus', street: 'Traktorzystów', building: '12' },
      description: 'Głęboka dziura na pasie do skrętu, samochody omijają ją po chodniku',
      callStartedAt: '2026-11-29T08:00:00.000Z',
      callEndedAt: '2026-11-29T08:03:05.000Z',
    });
    expect(response.statusCode).toBe(201);
    const call = response.json<RecordedCall>();
    expect(call).toMatchObject({
      channel: 'PHONE',
      answeredOnIntake: false,
      call: { durationSeconds: 185, startedAt: '2026-11-29T08:00:00.000Z' },
    });
    expect(response.headers.location).toBe(`/api/cases/${call.id}`);

    await reach(call.id, ['FORWARDED']);
    const row = await fixture.orm.em.fork().findOneOrFail(Case, { id: call.id });
    expect(row).toMatchObject({ channel: 'PHONE', unitCode: 'ZDM', eventCode: 'POTHOLE', district: 'Ursus' });

    const timeline = await events(call.id);
    expect(timeline.map((e) => e.type)).toEqual(['CREATED', 'CLASSIFIED', 'ROUTED']);
    const [created, classified] = timeline;
    expect(created).toMatchObject({ actor: 'user:clerk', actor_role: 'CLERK' });
    expect(created.payload).toMatchObject({
      channel: 'PHONE',
      recordedBy: { id: 'clerk', role: 'CLERK' },
      call: { durationSeconds: 185, endedAt: '2026-11-29T08:03:05.000Z' },
    });
    expect(created.payload).not.toHaveProperty('answeredOnIntake');
    // The clerk classified it on the line: no model was asked.
    expect(classified).toMatchObject({ actor: 'user:clerk', actor_role: 'CLERK' });
    expect(classified.payload).toMatchObject({
      source: 'CLERK',
      confidence: 1,
      kind: 'INCIDENT',
      eventCode: 'POTHOLE',
    });
  });

  it('creates an information call answered on the spot as answered, mails the answer and closes it', async () => {
    const email = `caller-${randomUUID().slice(0, 8)}@example.test`;
    const answer =
      'Wymianę dowodu osobistego można złożyć w każdym urzędzie dzielnicy, bez umawiania wizyty.';
    const response = await recordCall({
      caller: { name: 'Piotr Zieliński', email },
      kind: 'INFORMATION',
      description: 'Pytanie, gdzie można wymienić dowód osobisty',
      durationSeconds: 95,
      answer,
      language: 'pl',
    });
    expect(response.statusCode).toBe(201);
    const call = response.json<RecordedCall>();
    expect(call).toMatchObject({ answeredOnIntake: true, channel: 'PHONE', call: { durationSeconds: 95 } });

    await reach(call.id, ['ANSWERED', 'CLOSED']);
    const mail = await smtp.waitFor(
      (m) => JSON.stringify(m.to).includes(email) && m.text?.includes('dowodu osobistego') === true,
      15_000,
    );
    expect(mail.subject).toContain(call.number);
    // What a clerk typed from the call proves nothing: the answer, the call's only mail, asks the
    // caller to confirm the address before anything else about the case is mailed to it.
    expect(mail.text).toContain('/api/v1/public/case-contacts/confirm?token=');
    expect(mail.text).not.toContain('/portal/track/');

    // The reopen window (3 s) passes: the answered call closes like any answered case.
    await reach(call.id, ['CLOSED']);
    const timeline = await events(call.id);
    expect(timeline.map((e) => e.type)).toEqual(['CREATED', 'CLASSIFIED', 'ANSWERED', 'CLOSED']);
    const answered = timeline[2];
    expect(answered).toMatchObject({ actor: 'user:clerk', actor_role: 'CLERK', note: answer });
    expect(answered.payload).toMatchObject({ onIntake: true });

    // One mail with the answer: an answered call is not acknowledged as a new case as well.
    const templates = await fixture.orm.em
      .fork()
      .execute<{ template: string }[]>('select template from notifications where case_id = ? order by id', [
        call.id,
      ]);
    expect(templates.map((t) => t.template)).not.toContain('ACKNOWLEDGED');
    expect(templates.map((t) => t.template)).toContain('ANSWERED');

    // Counted where the statistics look: a PHONE contact, handled.
    const listed = await fixture.app.inject({
      method: 'GET',
      url: `/api/cases?filter=${encodeURIComponent(JSON.stringify({ channel: 'PHONE', kind: 'INFORMATION', status: ['ANSWERED', 'CLOSED'] }))}&range=[0,499]`,
      headers: { authorization: await fixture.authorization('manager') },
    });
    expect(listed.json<{ id: string }[]>().map((c) => c.id)).toContain(call.id);
    const metrics = await fixture.app.inject('/metrics');
    expect(metrics.body).toMatch(
      /civicflow_cases_accepted_total\{channel="PHONE",kind="INFORMATION"\} [1-9]/,
    );
  });

  it('answers a call even when the API died before starting its workflow', async () => {
    // An API whose Temporal is unreachable plays the process that committed the case and died.
    const down = integrationConfig({
      TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`,
      TEMPORAL_TASK_QUEUE: fixture.config.temporal.taskQueue,
    });
    const offlineTemporal = createTemporalClient(down);
    const offline = await buildApp(down, { orm: fixture.orm, temporal: offlineTemporal });
    try {
      const login = await offline.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'clerk', password: fixture.config.demo.password },
      });
      const response = await offline.inject({
        method: 'POST',
        url: '/api/calls',
        headers: { authorization: `Bearer ${login.json<{ token: string }>().token}` },
        payload: {
          kind: 'INFORMATION',
          description: 'Godziny otwarcia urzędu dzielnicy Wola',
          durationSeconds: 40,
          answer: 'Urząd jest otwarty od poniedziałku do piątku w godzinach 8-16.',
        },
      });
      expect(response.statusCode).toBe(201);
      const call = response.json<RecordedCall>();
      const stored = await fixture.orm.em.fork().findOneOrFail(Case, { id: call.id });
      expect(stored.workflowStartedAt).toBeNull();

      // What the worker's reconciler does for every case left unstarted, here for this one.
      await startCaseWorkflow(
        {
          orm: fixture.orm,
          temporal: fixture.temporal,
          taskQueue: fixture.config.temporal.taskQueue,
          settings: caseSettings(fixture.config),
        },
        stored,
      );
      await reach(call.id, ['ANSWERED', 'CLOSED']);
      const answered = (await events(call.id)).find((e) => e.type === 'ANSWERED');
      expect(answered).toMatchObject({
        actor: 'user:clerk',
        note: 'Urząd jest otwarty od poniedziałku do piątku w godzinach 8-16.',
      });
    } finally {
      await offline.close();
      await offlineTemporal.connection.close();
    }
  });

  it("places a call at a register street's point, so a second call there is suggested as its duplicate", async () => {
    const callAt = (location: Record<string, unknown>) =>
      recordCall({
        kind: 'INCIDENT',
        eventCode: 'POTHOLE',
        location,
        description: 'Dziura w jezdni przed wejściem do sklepu',
        durationSeconds: 95,
      });

    // Typed without Polish letters, as the register's search reads it; Puławska runs through
    // Mokotów and Ursynów, and the district picks the part.
    const first = await callAt({ street: 'pulawska', building: '140', district: 'Ursynów' });
    expect(first.statusCode).toBe(201);
    const firstCall = first.json<RecordedCall>();
    await reach(firstCall.id, ['FORWARDED']);
    const firstRow = await fixture.orm.em.fork().findOneOrFail(Case, { id: firstCall.id });
    expect(firstRow).toMatchObject({ lat: 52.145, lon: 21.021, district: 'Ursynów', building: '140' });

    const second = await callAt({ street: 'ul. Puławska 140', district: 'Ursynów' });
    expect(second.statusCode).toBe(201);
    const secondCall = second.json<RecordedCall>();
    await reach(secondCall.id, ['FORWARDED']);
    const secondRow = await fixture.orm.em.fork().findOneOrFail(Case, { id: secondCall.id });
    expect(secondRow).toMatchObject({ lat: 52.145, lon: 21.021, suggestedParentId: firstCall.id });
    const suspected = (await events(secondCall.id)).find((e) => e.type === 'DUPLICATE_SUSPECTED');
    expect(suspected?.payload).toMatchObject({ caseId: firstCall.id, number: firstCall.number, meters: 0 });
    const firstEvents = await events(firstCall.id);
    expect(firstEvents.map((e) => e.type)).not.toContain('DUPLICATE_SUSPECTED');
  });

  it.each([
    ['a street of several districts without a district', { street: 'Puławska', building: '140' }, null],
    ['a district the street does not run through', { street: 'Puławska', district: 'Wola' }, 'Wola'],
    ['a place the register does not name', { street: 'za pętlą autobusową', district: 'Ursus' }, 'Ursus'],
  ])('leaves a call at %s without a position, as before', async (_name, location, district) => {
    const response = await recordCall({
      kind: 'COMPLAINT',
      location,
      description: 'Skarga na nieodśnieżony przystanek',
      durationSeconds: 30,
    });
    expect(response.statusCode).toBe(201);
    const row = await fixture.orm.em.fork().findOneOrFail(Case, { id: response.json<RecordedCall>().id });
    expect(row).toMatchObject({ lat: null, lon: null, district, street: location.street });
  });

  it("fills the district of a register street that runs through one, and keeps the form's coordinates", async () => {
    const placed = await recordCall({
      kind: 'COMPLAINT',
      location: { street: 'Marszałkowska', building: '10' },
      description: 'Skarga na hałas z budowy w nocy',
      durationSeconds: 30,
    });
    const placedRow = await fixture.orm.em.fork().findOneOrFail(Case, { id: placed.json<RecordedCall>().id });
    expect(placedRow).toMatchObject({ lat: 52.229, lon: 21.012, district: 'Śródmieście' });

    const pinned = await recordCall({
      kind: 'COMPLAINT',
      location: { lat: 52.2301, lon: 21.0105, street: 'Marszałkowska', district: 'Śródmieście' },
      description: 'Skarga na hałas z budowy w nocy',
      durationSeconds: 30,
    });
    const pinnedRow = await fixture.orm.em.fork().findOneOrFail(Case, { id: pinned.json<RecordedCall>().id });
    expect(pinnedRow).toMatchObject({ lat: 52.2301, lon: 21.0105 });
  });

  it('makes one case of a call saved twice with the same Idempotency-Key', async () => {
    const key = `call-${randomUUID()}`;
    const body = {
      caller: { phone: '600 700 800' },
      kind: 'COMPLAINT',
      description: 'Skarga na zachowanie kierowcy autobusu linii 175',
      callStartedAt: '2026-11-29T09:00:00.000Z',
      durationSeconds: 240,
    };
    const [first, second] = await Promise.all([recordCall(body, { key }), recordCall(body, { key })]);
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    expect(first.json<RecordedCall>().id).toBe(second.json<RecordedCall>().id);
    const third = await recordCall(body, { key });
    expect(third.json<RecordedCall>().id).toBe(first.json<RecordedCall>().id);
    expect(third.headers['idempotent-replayed']).toBe('true');
    const [{ n }] = await fixture.orm.em
      .fork()
      .execute<{ n: string }[]>('select count(*) as n from cases where idempotency_key = ?', [key]);
    expect(Number(n)).toBe(1);

    const changed = await recordCall({ ...body, durationSeconds: 241 }, { key });
    expect(changed.statusCode).toBe(409);
    expect(changed.json()).toMatchObject({ code: 'IDEMPOTENCY_CONFLICT' });
  });

  it.each([
    [
      'an incident without an event',
      { kind: 'INCIDENT', description: 'Coś się stało', durationSeconds: 10 },
      'eventCode',
    ],
    [
      'an incident answered on the spot',
      { kind: 'INCIDENT', eventCode: 'POTHOLE', description: 'Dziura', durationSeconds: 10, answer: 'Już' },
      'answer',
    ],
    ['no call length', { kind: 'INFORMATION', description: 'Pytanie o podatek' }, 'durationSeconds'],
    [
      'a call that ends before it starts',
      {
        kind: 'INFORMATION',
        description: 'Pytanie o podatek',
        callStartedAt: '2026-11-29T10:00:00Z',
        callEndedAt: '2026-11-29T09:59:00Z',
      },
      'callEndedAt',
    ],
    [
      'a malformed e-mail',
      { kind: 'INFORMATION', description: 'Pytanie', durationSeconds: 5, caller: { email: 'nie-mail' } },
      'caller.email',
    ],
    ['no description', { kind: 'SUGGESTION', durationSeconds: 5 }, 'description'],
    [
      'an unknown district',
      {
        kind: 'SUGGESTION',
        description: 'Więcej ławek',
        durationSeconds: 5,
        location: { district: 'Gotham' },
      },
      'location.district',
    ],
    [
      'an unknown event',
      { kind: 'INCIDENT', eventCode: 'NO_SUCH_EVENT', description: 'Coś', durationSeconds: 5 },
      'eventCode',
    ],
    [
      'an anonymous caller for an event that needs contact data',
      { kind: 'INCIDENT', eventCode: 'PHONE_TEST_NAMED', description: 'Zgłoszenie', durationSeconds: 5 },
      'caller',
    ],
    [
      'an unknown field',
      { kind: 'SUGGESTION', description: 'Więcej ławek', durationSeconds: 5, channel: 'PORTAL' },
      'body',
    ],
  ])('refuses %s with a 4xx naming the field', async (_what, body, field) => {
    const before = await fixture.orm.em.fork().count(Case, {});
    const response = await recordCall(body);
    expect([400, 422]).toContain(response.statusCode);
    const error = response.json<{ errors?: Record<string, string> }>();
    expect(Object.keys(error.errors ?? {})).toContain(field);
    expect(await fixture.orm.em.fork().count(Case, {})).toBe(before);
  });

  it.each([
    ['manager', 403],
    ['zdm', 403],
    ['anonymous', 401],
  ])('lets only clerks and administrators record calls and read callers: %s gets %i', async (who, status) => {
    const authorization = who === 'anonymous' ? undefined : await fixture.authorization(who);
    const headers = authorization ? { authorization } : {};
    const post = await fixture.app.inject({
      method: 'POST',
      url: '/api/calls',
      headers,
      payload: { kind: 'SUGGESTION', description: 'Więcej ławek w parku', durationSeconds: 30 },
    });
    expect(post.statusCode).toBe(status);
    const history = await fixture.app.inject({
      method: 'GET',
      url: '/api/calls/caller-history?email=anyone%40example.test',
      headers,
    });
    expect(history.statusCode).toBe(status);
  });

  it('lets an administrator record a call too', async () => {
    const response = await recordCall(
      { kind: 'SUGGESTION', description: 'Więcej koszy na śmieci przy Wiśle', durationSeconds: 30 },
      { as: 'admin' },
    );
    expect(response.statusCode).toBe(201);
  });

  it("finds the caller's earlier cases by e-mail or phone however they are typed", async () => {
    const tag = randomUUID().slice(0, 8);
    const email = `Stala.Mieszkanka.${tag}@Example.test`;
    const digits = String(Math.floor(100_000_000 + Math.random() * 899_999_999));
    const phone = `+48 ${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
    const portal = await fixture.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      payload: {
        kind: 'INCIDENT',
        eventCode: 'POTHOLE',
        description: 'Dziura przed szkołą',
        district: 'Wola',
        contact: { email },
      },
    });
    expect(portal.statusCode).toBe(201);
    const byPhone = (
      await recordCall({
        caller: { phone },
        kind: 'SUGGESTION',
        description: 'Więcej stojaków rowerowych',
        durationSeconds: 60,
      })
    ).json<RecordedCall>();
    const other = (
      await recordCall({
        caller: { email: `someone-else-${tag}@example.test`, phone: '+48 500 000 001' },
        kind: 'SUGGESTION',
        description: 'Ławki w parku',
        durationSeconds: 60,
      })
    ).json<RecordedCall>();

    const lookup = async (query: string) => {
      const response = await fixture.app.inject({
        method: 'GET',
        url: `/api/calls/caller-history?${query}`,
        headers: { authorization: await fixture.authorization('clerk') },
      });
      expect(response.statusCode).toBe(200);
      return response.json<{ id: string; number: string; status: string; matchedBy: string[] }[]>();
    };

    const byEmail = await lookup(`email=${encodeURIComponent(email.toLowerCase())}`);
    const portalId = await caseIdOfNumber(fixture.orm, portal.json<{ number: string }>().number);
    expect(byEmail.map((c) => c.id)).toEqual([portalId]);
    expect(byEmail[0]).toMatchObject({
      matchedBy: ['email'],
      number: portal.json<{ number: string }>().number,
    });

    const sameLine = await lookup(`phone=${encodeURIComponent(`${digits.slice(0, 3)}-${digits.slice(3)}`)}`);
    expect(sameLine.map((c) => c.id)).toEqual([byPhone.id]);

    const both = await lookup(`email=${encodeURIComponent(email)}&phone=${encodeURIComponent(digits)}`);
    expect(both.map((c) => c.id).sort()).toEqual([portalId, byPhone.id].sort());
    expect(both.map((c) => c.id)).not.toContain(other.id);

    const missing = await fixture.app.inject({
      method: 'GET',
      url: '/api/calls/caller-history',
      headers: { authorization: await fixture.authorization('clerk') },
    });
    expect(missing.statusCode).toBe(400);
  });
});
