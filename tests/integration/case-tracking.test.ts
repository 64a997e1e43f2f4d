import { randomUUID } from 'node:crypto';
import { caseNumberToSlug } from '../../domain/cases/case-number';
import { trackingToken } from '../../services/cases/tracking-token';
import { caseIdOfNumber, eventually, startTestApp, type TestApp } from '../support/integration';

const PUBLIC_URL = 'https://19115.test';
/** Six seconds to reopen: long enough to see the window open, short enough to see it close. */
const REOPEN_WINDOW_MINUTES = 0.1;

interface Filed {
  id: string;
  number: string;
  trackingToken: string;
  links: { self: string; tracking: string };
}

/**
 * What a resident sees when tracking a case: place, event name, the unit's question while the case
 * waits for them, whether and until when it may be reopened, and whether it may be rated — read
 * through the public API while the real workflow moves the case.
 */
describe('tracking a case by number and token', () => {
  let fixture: TestApp;
  const directCases: string[] = [];

  beforeAll(async () => {
    fixture = await startTestApp({
      worker: true,
      demoUsers: true,
      config: { PUBLIC_URL, CASE_REOPEN_WINDOW_MINUTES: String(REOPEN_WINDOW_MINUTES) },
    });
  });

  afterAll(async () => {
    if (fixture) {
      await fixture.orm.em
        .fork()
        .getConnection()
        .execute(`delete from cases where id = any(?::uuid[])`, [`{${directCases.join(',')}}`]);
      await fixture.close();
    }
  });

  async function track(c: { number: string; trackingToken: string }) {
    const response = await fixture.app.inject(
      `/api/v1/cases/${caseNumberToSlug(c.number)}?token=${c.trackingToken}`,
    );
    expect(response.statusCode).toBe(200);
    return response.json();
  }

  async function act(username: string, c: Filed, action: string, body: Record<string, unknown> = {}) {
    const response = await fixture.app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/actions/${action}`,
      headers: { authorization: await fixture.authorization(username) },
      payload: body,
    });
    expect(response.statusCode).toBe(200);
    return response.json();
  }

  const reach = async (c: Filed, predicate: (view: Record<string, unknown>) => boolean, what: string) =>
    eventually(
      async () => {
        const view = await track(c);
        return predicate(view) && view;
      },
      { what },
    );

  let filed: Filed;

  it('links the portal’s page of the case in the answer to filing it', async () => {
    const response = await fixture.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      payload: {
        kind: 'INCIDENT',
        eventCode: 'POTHOLE',
        description: 'Dziura w jezdni przy przejściu dla pieszych',
        district: 'Śródmieście',
        location: { lat: 52.2297, lon: 21.0122, street: 'Marszałkowska', building: '10' },
      },
    });
    expect(response.statusCode).toBe(201);
    const answer = response.json<Omit<Filed, 'id'>>();
    filed = { ...answer, id: await caseIdOfNumber(fixture.orm, answer.number) };
    const slug = caseNumberToSlug(filed.number);
    expect(filed.links).toEqual({
      self: `/api/v1/cases/${slug}`,
      tracking: `${PUBLIC_URL}/portal/track/${slug}?token=${filed.trackingToken}`,
    });
  });

  it('shows the place, the event’s names and the unit of a routed case; nothing to answer, reopen or rate', async () => {
    const view = await reach(filed, (v) => v.status === 'FORWARDED', 'routing to ZDM');
    const [event] = await fixture.orm.em
      .fork()
      .getConnection()
      .execute<{ name: string; name_en: string }[]>(
        `select name, name_en from taxonomy_events where code = 'POTHOLE'`,
      );
    expect(view).toMatchObject({
      eventCode: 'POTHOLE',
      eventName: { pl: event.name, en: event.name_en },
      unit: { code: 'ZDM' },
      location: { lat: 52.2297, lon: 21.0122, street: 'Marszałkowska 10', district: 'Śródmieście' },
      awaitingResident: false,
      infoRequest: null,
      canReopen: false,
      reopenUntil: null,
      canRate: false,
      rating: null,
    });
    expect(view.resolutionDueAt).toEqual(expect.any(String));
  });

  it('shows the unit’s question while the case waits for the resident, and no longer once answered', async () => {
    await act('zdm', filed, 'accept');
    await act('zdm', filed, 'request-info', { note: 'Jak głęboka jest dziura?' });
    expect(await track(filed)).toMatchObject({
      status: 'WAITING_FOR_RESIDENT',
      awaitingResident: true,
      infoRequest: 'Jak głęboka jest dziura?',
    });
    const reply = await fixture.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseNumberToSlug(filed.number)}/messages?token=${filed.trackingToken}`,
      payload: { message: 'Około 10 cm' },
    });
    expect(reply.statusCode).toBe(202);
    const answered = await reach(filed, (v) => v.awaitingResident === false, 'the reply to be taken');
    expect(answered).toMatchObject({ status: 'IN_PROGRESS', infoRequest: null });
    expect(answered.history.at(-1)).toMatchObject({ type: 'RESIDENT_MESSAGE', note: 'Około 10 cm' });
  });

  it('offers reopening from the resolution until the window ends, and rating all along', async () => {
    await act('zdm', filed, 'resolve', { note: 'Ubytek uzupełniony' });
    const resolved = await track(filed);
    const [row] = await fixture.orm.em
      .fork()
      .getConnection()
      .execute<{ resolved_at: Date | string }[]>('select resolved_at from cases where id = ?', [filed.id]);
    expect(resolved).toMatchObject({ status: 'RESOLVED', canReopen: true, canRate: true });
    expect(resolved.reopenUntil).toBe(
      new Date(new Date(row.resolved_at).getTime() + REOPEN_WINDOW_MINUTES * 60_000).toISOString(),
    );
    // The workflow closes the case when the window ends.
    const closed = await reach(filed, (v) => v.status === 'CLOSED', 'closing after the window');
    expect(closed).toMatchObject({ canReopen: false, reopenUntil: null, canRate: true });
  });

  it('refuses reopening once the window has passed, as the workflow would', async () => {
    // A resolution an hour old, as if the workflow had not yet closed it: only the clock decides.
    const id = randomUUID();
    const number = `${Math.floor(Math.random() * 8_000_000) + 1_000_000}/96`;
    const resolvedAt = new Date(Date.now() - 3_600_000);
    await fixture.orm.em
      .fork()
      .getConnection()
      .execute(
        `insert into cases (id, number, kind, status, event_code, unit_code, channel, description,
           resolved_at, created_at, updated_at, workflow_started_at)
         values (?, ?, 'INCIDENT', 'RESOLVED', 'POTHOLE', 'ZDM', 'PORTAL', 'Stara sprawa', ?, now(), now(), now())`,
        [id, number, resolvedAt],
      );
    directCases.push(id);
    const view = await track({ number, trackingToken: trackingToken(fixture.config.secret, id) });
    expect(view).toMatchObject({
      status: 'RESOLVED',
      canReopen: false,
      reopenUntil: new Date(resolvedAt.getTime() + REOPEN_WINDOW_MINUTES * 60_000).toISOString(),
      canRate: true,
      location: null,
      eventName: expect.any(Object),
    });
  });
});
