import { caseNumberToSlug } from '../../domain/cases/case-number';
import {
  caseIdOfNumber,
  confirmCaseContact,
  eventually,
  startTestApp,
  type TestApp,
} from '../support/integration';
import { startSmtpListener, type SmtpListener } from '../support/smtp-listener';

/**
 * Every path of the case workflow on the real Temporal dev server and PostgreSQL: routing, triage,
 * unit return, waiting for the resident, resolution, reopening, closing after the reopen window,
 * answers, merges, cancellations, and the SLA's warning, breach and second escalation with a
 * policy measured in seconds. Residents and staff get their mail on a real SMTP listener.
 */
describe('the case workflow', () => {
  let smtp: SmtpListener;
  let fixture: TestApp;

  beforeAll(async () => {
    smtp = await startSmtpListener();
    fixture = await startTestApp({
      worker: true,
      demoUsers: true,
      config: {
        SMTP_URL: smtp.url,
        // Six seconds to reopen: long enough to act, short enough to watch a case close.
        CASE_REOPEN_WINDOW_MINUTES: '0.1',
      },
    });
    // Read when a case is filed or notified, never cached: set up after the worker has started.
    const db = fixture.orm.em.fork();
    await db.execute(
      `update users set email = username || '@city.test' where username in ('sm', 'zdm', 'manager')`,
    );
    await db.execute(`update users set is_supervisor = true where username in ('sm', 'zdm')`);
    // An event whose policy lasts seconds: warning at 75% (2.25 s), breach at 3 s, level 2 at 4.5 s.
    await db.execute(`insert into taxonomy_events (code, subcategory, name, name_en, default_unit, priority, resolution_hours)
      values ('DRILL', 'ORDER', 'Ćwiczenie', 'Drill', 'SM', 'normal', 1) on conflict do nothing`);
    await db.execute(
      `insert into routing_rules (event_code, unit_code) values ('DRILL', 'SM') on conflict do nothing`,
    );
    await db.execute(`insert into sla_policies (name, event_code, first_response_minutes, resolution_minutes, calendar,
      warn_at_percent, escalation_percents) values ('Drill', 'DRILL', 0.02, 0.05, 'ALWAYS', 75, '[100, 150, 200]')`);
  });

  afterAll(async () => {
    await fixture?.close();
    await smtp?.close();
  });

  interface Filed {
    id: string;
    number: string;
    trackingToken: string;
  }

  async function file(body: Record<string, unknown>): Promise<Filed> {
    const response = await fixture.app.inject({ method: 'POST', url: '/api/v1/cases', payload: body });
    expect(response.statusCode).toBe(201);
    const answer = response.json<Omit<Filed, 'id'>>();
    return { ...answer, id: await caseIdOfNumber(fixture.orm, answer.number) };
  }

  async function act(username: string, filed: Filed, action: string, body: Record<string, unknown> = {}) {
    return fixture.app.inject({
      method: 'POST',
      url: `/api/cases/${filed.id}/actions/${action}`,
      headers: { authorization: await fixture.authorization(username) },
      payload: body,
    });
  }

  async function caseOf(filed: Filed, username = 'clerk') {
    const response = await fixture.app.inject({
      method: 'GET',
      url: `/api/cases/${filed.id}`,
      headers: { authorization: await fixture.authorization(username) },
    });
    expect(response.statusCode).toBe(200);
    return response.json();
  }

  // A deadline, not a wait: generous so a busy machine (files run in parallel) does not fail it.
  const reachStatus = (filed: Filed, status: string, timeoutMs = 40_000) =>
    eventually(
      async () => {
        const record = await caseOf(filed);
        return record.status === status && record;
      },
      { timeoutMs, what: `case ${filed.number} to reach ${status}` },
    );

  async function timeline(filed: Filed): Promise<string[]> {
    const rows = await fixture.orm.em
      .fork()
      .execute<{ type: string }[]>('select type from case_events where case_id = ? order by id', [filed.id]);
    return rows.map((r) => r.type);
  }

  const mailWithText = (address: string, text: string) =>
    smtp.waitFor(
      (mail) => mail.text?.includes(text) === true && JSON.stringify(mail.to).includes(address),
      15_000,
    );

  const mailTo = (address: string, subject: RegExp) =>
    smtp.waitFor(
      (mail) =>
        [mail.to].flat().some((to) => to?.value.some((v) => v.address === address)) &&
        subject.test(mail.subject ?? ''),
      15_000,
    );

  it('routes a report with a known event to its unit, starts the SLA clock and acknowledges it', async () => {
    const filed = await file({
      kind: 'INCIDENT',
      eventCode: 'POTHOLE',
      description: 'Dziura w jezdni na Marszałkowskiej',
      district: 'Śródmieście',
      contact: { email: 'anna@resident.test' },
    });
    const record = await reachStatus(filed, 'FORWARDED');
    expect(record).toMatchObject({
      unitCode: 'ZDM',
      slaState: 'ON_TRACK',
      escalationLevel: 0,
      priority: 'normal',
    });
    expect(new Date(record.resolutionDueAt).getTime()).toBeGreaterThan(Date.now());
    expect(await timeline(filed)).toEqual(['CREATED', 'CLASSIFIED', 'ROUTED']);
    const ack = await mailTo('anna@resident.test', new RegExp(`\\[#${filed.number.replace('/', '\\/')}\\]`));
    expect(ack.text).toContain(caseNumberToSlug(filed.number));
    await mailTo('zdm@city.test', new RegExp(filed.number.replace('/', '\\/')));
  });

  it('sends a report it cannot classify with confidence to triage; a clerk classifies it and it is routed', async () => {
    const filed = await file({ kind: 'INCIDENT', description: 'Proszę o pilny kontakt w sprawie xyz' });
    const triaged = await reachStatus(filed, 'TRIAGE');
    expect(triaged.unitCode).toBeNull();
    expect(triaged.availableActions).toEqual(expect.arrayContaining(['classify', 'forward', 'cancel']));

    const classified = await act('clerk', filed, 'classify', { kind: 'INCIDENT', eventCode: 'BAD_PARKING' });
    expect(classified.statusCode).toBe(200);
    expect(classified.json()).toMatchObject({
      status: 'FORWARDED',
      unitCode: 'SM',
      eventCode: 'BAD_PARKING',
    });
    const corrections = await fixture.orm.em
      .fork()
      .execute<{ event_code: string }[]>(
        'select event_code from classification_corrections where case_id = ?',
        [filed.id],
      );
    expect(corrections).toEqual([{ event_code: 'BAD_PARKING' }]);
  });

  it('lets a unit return a case it does not own: back to triage with the reason, without a unit', async () => {
    const filed = await file({
      kind: 'INCIDENT',
      eventCode: 'NOISE',
      description: 'Głośna muzyka w nocy',
      district: 'Wola',
    });
    await reachStatus(filed, 'FORWARDED');
    const returned = await act('sm', filed, 'return', { note: 'To sprawa zarządcy budynku, nie Straży' });
    expect(returned.statusCode).toBe(200);
    expect(returned.json()).toMatchObject({ status: 'TRIAGE', unitCode: null, slaState: null });
    expect((await timeline(filed)).slice(-2)).toEqual(['RETURNED', 'SENT_TO_TRIAGE']);
    // The unit that had it still sees it; a routing rule was not changed behind the clerk's back.
    expect((await caseOf(filed, 'sm')).status).toBe('TRIAGE');
    const rules = await fixture.orm.em
      .fork()
      .execute<{ unit_code: string }[]>(`select unit_code from routing_rules where event_code = 'NOISE'`);
    expect(rules).toEqual([{ unit_code: 'SM' }]);
  });

  it('pauses the SLA clock while waiting for the resident and resumes it on the reply', async () => {
    const filed = await file({
      kind: 'INCIDENT',
      eventCode: 'ABANDONED_CAR',
      description: 'Wrak samochodu od miesięcy',
      district: 'Bemowo',
      contact: { email: 'jan@resident.test' },
      language: 'en',
    });
    await reachStatus(filed, 'FORWARDED');
    // Only a confirmed address hears of the case beyond its acknowledgement.
    await confirmCaseContact(fixture, filed.number);
    expect((await act('sm', filed, 'accept')).json().status).toBe('IN_PROGRESS');
    const before = await caseOf(filed);
    const waiting = await act('sm', filed, 'request-info', { note: 'What is the registration number?' });
    expect(waiting.json()).toMatchObject({ status: 'WAITING_FOR_RESIDENT', slaState: 'PAUSED' });
    const question = await mailTo('jan@resident.test', /information/i);
    expect(question.text).toContain('What is the registration number?');

    // The reply must meet the paused clock staff see; how long the pause lasts changes nothing
    // checked here, as a pause can only move the due date later.
    await eventually(
      async () => {
        const record = await caseOf(filed);
        return record.status === 'WAITING_FOR_RESIDENT' && record.slaState === 'PAUSED';
      },
      { what: `case ${filed.number} to show its paused clock` },
    );
    const reply = await fixture.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseNumberToSlug(filed.number)}/messages?token=${filed.trackingToken}`,
      payload: { message: 'WX 12345' },
    });
    expect(reply.statusCode).toBe(202);
    const resumed = await reachStatus(filed, 'IN_PROGRESS');
    expect(resumed.slaState).toBe('ON_TRACK');
    // ABANDONED_CAR runs on office hours: the due date moves only if the pause fell in them.
    expect(new Date(resumed.resolutionDueAt).getTime()).toBeGreaterThanOrEqual(
      new Date(before.resolutionDueAt).getTime(),
    );
    expect((await timeline(filed)).slice(-2)).toEqual(['INFO_REQUESTED', 'RESIDENT_MESSAGE']);
  });

  it('resolves, lets the resident reopen within the window, and closes after the window', async () => {
    const filed = await file({
      kind: 'INCIDENT',
      eventCode: 'STREETLIGHT_OUT',
      description: 'Latarnia nie świeci',
      district: 'Ochota',
      contact: { email: 'ewa@resident.test' },
    });
    await reachStatus(filed, 'FORWARDED');
    await confirmCaseContact(fixture, filed.number);
    const resolved = await act('zdm', filed, 'resolve', { note: 'Wymieniono żarnik' });
    expect(resolved.json()).toMatchObject({ status: 'RESOLVED', slaState: 'MET' });
    await mailTo('ewa@resident.test', /rozwiązan|załatwion/i);

    const reopen = await fixture.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseNumberToSlug(filed.number)}/reopen?token=${filed.trackingToken}`,
      payload: { reason: 'Nadal nie świeci' },
    });
    expect(reopen.statusCode).toBe(200);
    expect(reopen.json().status).toBe('FORWARDED');
    const reopened = await caseOf(filed);
    expect(reopened).toMatchObject({ unitCode: 'ZDM', slaState: 'ON_TRACK' });

    await act('zdm', filed, 'resolve', { note: 'Wymieniono oprawę' });
    const closed = await reachStatus(filed, 'CLOSED');
    expect(closed.availableActions).toEqual([]);
    const late = await fixture.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseNumberToSlug(filed.number)}/reopen?token=${filed.trackingToken}`,
      payload: { reason: 'Znowu nie świeci' },
    });
    expect(late.statusCode).toBe(409);
    await mailTo('ewa@resident.test', /zamknięt/i);
  });

  it('answers a question on the spot and closes it after the window', async () => {
    const filed = await file({
      kind: 'INFORMATION',
      description: 'Gdzie zapłacić za parkowanie?',
      contact: { email: 'olga@resident.test' },
    });
    await reachStatus(filed, 'TRIAGE');
    await confirmCaseContact(fixture, filed.number);
    const answered = await act('clerk', filed, 'answer', { note: 'W parkomacie lub w aplikacji mobilnej.' });
    expect(answered.json().status).toBe('ANSWERED');
    const mail = await mailWithText('olga@resident.test', 'W parkomacie lub w aplikacji mobilnej.');
    expect(mail.subject).toContain(filed.number);
    await reachStatus(filed, 'CLOSED');
  });

  it('suggests an open case of the same event nearby as a duplicate; a clerk merges it and its resident hears of the parent', async () => {
    const place = { lat: 52.2297, lon: 21.0122 };
    const parent = await file({
      kind: 'INCIDENT',
      eventCode: 'FALLEN_TREE',
      description: 'Drzewo na chodniku',
      district: 'Śródmieście',
      location: place,
    });
    await reachStatus(parent, 'FORWARDED');
    const child = await file({
      kind: 'INCIDENT',
      eventCode: 'FALLEN_TREE',
      description: 'Przewrócone drzewo blokuje przejście',
      district: 'Śródmieście',
      location: { lat: place.lat + 0.0002, lon: place.lon },
      contact: { email: 'piotr@resident.test' },
    });
    const suggested = await reachStatus(child, 'FORWARDED');
    await confirmCaseContact(fixture, child.number);
    expect(suggested.suggestedParentId).toBe(parent.id);

    expect((await act('clerk', child, 'merge', { parentCaseId: child.id })).statusCode).toBe(422);
    const merged = await act('clerk', child, 'merge', { parentCaseId: parent.id });
    expect(merged.json()).toMatchObject({ status: 'MERGED', duplicateOf: parent.id });

    const mergedMail = await mailWithText('piotr@resident.test', parent.number);
    expect(mergedMail.subject).toContain(child.number);
    await act('zzw', parent, 'resolve', { note: 'Drzewo usunięte' });
    const news = await mailWithText('piotr@resident.test', 'Drzewo usunięte');
    expect(news.subject).toContain(parent.number);
  });

  it('cancels a case only with a reason', async () => {
    const filed = await file({ kind: 'SUGGESTION', description: 'spam spam spam' });
    await reachStatus(filed, 'TRIAGE');
    const noReason = await act('clerk', filed, 'cancel', {});
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().errors).toHaveProperty('note');
    const cancelled = await act('clerk', filed, 'cancel', { note: 'Spam' });
    expect(cancelled.json().status).toBe('CANCELLED');
  });

  it('refuses a transition the state does not allow (409) and an action outside the actor rights (403)', async () => {
    const filed = await file({
      kind: 'INCIDENT',
      eventCode: 'GRAFFITI',
      description: 'Graffiti na murze',
      district: 'Wola',
    });
    await reachStatus(filed, 'FORWARDED');
    const wrongUnit = await act('sm', filed, 'accept');
    expect([403, 404]).toContain(wrongUnit.statusCode);
    const notForClerk = await act('clerk', filed, 'accept');
    expect(notForClerk.statusCode).toBe(403);
    expect(notForClerk.json().code).toBe('FORBIDDEN');
    await act('ud-wola', filed, 'accept');
    const twice = await act('ud-wola', filed, 'accept');
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({
      code: 'INVALID_TRANSITION',
      message: 'cannot accept a case in status IN_PROGRESS',
    });
  });

  it('warns before the SLA breach, escalates at the breach and again at 150%', async () => {
    const filed = await file({
      kind: 'INCIDENT',
      eventCode: 'DRILL',
      description: 'Ćwiczenie SLA',
      district: 'Wola',
    });
    await reachStatus(filed, 'FORWARDED');
    await eventually(async () => (await caseOf(filed)).slaState === 'AT_RISK', { what: 'the SLA warning' });
    await mailTo('sm@city.test', /.*/);
    const breached = await eventually(
      async () => {
        const record = await caseOf(filed);
        return record.escalationLevel >= 2 && record;
      },
      { what: 'the second escalation' },
    );
    expect(breached.slaState).toBe('BREACHED');
    const events = await timeline(filed);
    expect(events).toEqual(expect.arrayContaining(['SLA_AT_RISK', 'SLA_BREACHED', 'SLA_ESCALATED']));
    expect(events.indexOf('SLA_AT_RISK')).toBeLessThan(events.indexOf('SLA_BREACHED'));
    await mailTo('manager@city.test', /.*/);
    // Resolving a breached case does not make it on time.
    const resolved = await act('sm', filed, 'resolve', { note: 'Zrobione po terminie' });
    expect(resolved.json()).toMatchObject({ status: 'RESOLVED', slaState: 'BREACHED' });
  });
});
