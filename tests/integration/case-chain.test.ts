import { startSmtpListener, type SmtpListener } from '../support/smtp-listener';
import { Case } from '../../db/entities';
import { caseNumberToSlug, caseWorkflowId } from '../../domain/cases/case-number';
import { caseStateQuery } from '../../workflows/case.messages';
import { caseIdOfNumber, eventually, startTestApp, type TestApp } from '../support/integration';

/**
 * The chain the whole system stands on: the API accepts a case, its workflow runs on the real
 * Temporal server, an activity writes the routing into the real PostgreSQL, and the API reads it back.
 */
describe('a case travels from the API through Temporal into PostgreSQL and back', () => {
  let smtp: SmtpListener;
  let fixture: TestApp;

  beforeAll(async () => {
    smtp = await startSmtpListener();
    fixture = await startTestApp({ worker: true, config: { SMTP_URL: smtp.url } });
  });

  afterAll(async () => {
    await fixture?.close();
    await smtp?.close();
  });

  async function fileCase(body: Record<string, unknown>) {
    const response = await fixture.app.inject({ method: 'POST', url: '/api/v1/cases', payload: body });
    expect(response.statusCode).toBe(201);
    const answer = response.json<{ number: string; trackingToken: string; status: string }>();
    return { ...answer, id: await caseIdOfNumber(fixture.orm, answer.number) };
  }

  async function track(number: string, token: string) {
    const response = await fixture.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${caseNumberToSlug(number)}?token=${token}`,
    });
    expect(response.statusCode).toBe(200);
    return response.json<{ status: string; unit: { code: string } | null; history: { type: string }[] }>();
  }

  it('routes a pothole to the roads authority and shows it to the resident', async () => {
    const created = await fileCase({
      kind: 'INCIDENT',
      eventCode: 'POTHOLE',
      description: 'Głęboka dziura na Puławskiej przy Goworka, prawy pas.',
      district: 'Mokotów',
      location: { lat: 52.2, lon: 21.02, street: 'Puławska', building: '100' },
      contact: { email: 'resident@example.org' },
    });
    expect(created.number).toMatch(/^\d{6}\/\d{2}$/);
    expect(created.status).toBe('NEW');

    const tracked = await eventually(
      async () => {
        const view = await track(created.number, created.trackingToken);
        return view.status === 'FORWARDED' && view;
      },
      { what: 'the case to be forwarded' },
    );
    expect(tracked.unit?.code).toBe('ZDM');
    expect(tracked.history.map((h) => h.type)).toEqual(['CREATED', 'ROUTED']);

    const state = await fixture.temporal.workflow.getHandle(caseWorkflowId(created.id)).query(caseStateQuery);
    expect(state).toMatchObject({ status: 'FORWARDED', unitCode: 'ZDM', number: created.number });

    const row = await fixture.orm.em.fork().findOneOrFail(Case, { id: created.id });
    expect(row.workflowStartedAt).toBeInstanceOf(Date);
    // CREATED (1), CLASSIFIED (2), ROUTED (3).
    expect(row.stateVersion).toBe(3);
  });

  it('sends a district-office event to the office of the case district', async () => {
    const created = await fileCase({
      kind: 'INCIDENT',
      eventCode: 'SIDEWALK',
      description: 'Uszkodzony chodnik, płyty się ruszają.',
      district: 'Żoliborz',
    });
    const tracked = await eventually(async () => {
      const view = await track(created.number, created.trackingToken);
      return view.status === 'FORWARDED' && view;
    });
    expect(tracked.unit?.code).toBe('UD-ZOLIBORZ');
  });

  it('sends a question without an event to triage', async () => {
    const created = await fileCase({ kind: 'INFORMATION', description: 'Jak zarejestrować samochód?' });
    const tracked = await eventually(async () => {
      const view = await track(created.number, created.trackingToken);
      return view.status === 'TRIAGE' && view;
    });
    expect(tracked.unit).toBeNull();
    expect(tracked.history.map((h) => h.type)).toEqual(['CREATED', 'SENT_TO_TRIAGE']);
  });

  it('refuses tracking with a wrong token without telling whether the case exists', async () => {
    const created = await fileCase({ kind: 'SUGGESTION', description: 'Więcej ławek w parku.' });
    const response = await fixture.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${caseNumberToSlug(created.number)}?token=${'x'.repeat(32)}`,
    });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'NOT_FOUND' });
  });
});
