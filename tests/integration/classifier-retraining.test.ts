import { randomUUID } from 'node:crypto';
import { ClassifierService } from '../../services/classification/classifier-service';
import { startTestApp, type TestApp } from '../support/integration';

/** Clerks' corrections stored in the database teach the next model. */
describe('retraining the classifier from clerks corrections', () => {
  let fixture: TestApp;

  beforeAll(async () => {
    fixture = await startTestApp();
  });
  afterAll(async () => {
    await fixture?.close();
  });

  // Abandoned scooters look like abandoned cars to the bundled corpus; in Warsaw they are a matter of
  // badly parked vehicles for the municipal police, and the clerks' corrections say so.
  it('learns a phrasing it did not know once clerks corrected a few cases', async () => {
    const service = new ClassifierService(fixture.orm, { retrainEveryMs: 0 });
    const phrase = 'hulajnogi elektryczne porzucone w poprzek ścieżki rowerowej';
    const before = (await service.current()).predict(phrase);
    expect(before.eventCode).toBe('ABANDONED_CAR');

    const texts = [
      'porzucone hulajnogi elektryczne leżą na ścieżce rowerowej',
      'kilka hulajnóg elektrycznych rzuconych na ścieżkę rowerową',
      'hulajnoga elektryczna porzucona na środku ścieżki rowerowej',
      'ktoś zostawił hulajnogi na ścieżce rowerowej, nie da się przejechać',
      'elektryczne hulajnogi porzucone przy ścieżce rowerowej od tygodnia',
      'porzucona hulajnoga blokuje ścieżkę rowerową',
    ];
    for (const text of texts) {
      const caseId = randomUUID();
      await fixture.orm.em
        .fork()
        .execute(
          `insert into cases (id, number, kind, status, channel, description) values (?, ?, 'INCIDENT', 'TRIAGE', 'PORTAL', ?)`,
          [caseId, `8${String(Math.floor(Math.random() * 1e5)).padStart(5, '0')}/26`, text],
        );
      await fixture.orm.em
        .fork()
        .execute(
          `insert into classification_corrections (case_id, text, kind, event_code, corrected_by) values (?, ?, 'INCIDENT', 'BAD_PARKING', 'clerk')`,
          [caseId, text],
        );
    }

    const after = (await service.current()).predict(phrase);
    expect(after.eventCode).toBe('BAD_PARKING');
  });
});
