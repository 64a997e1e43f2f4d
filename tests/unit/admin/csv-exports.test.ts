import { auditToCsv, type AuditLabels } from '../../../admin/src/audit/auditCsv';
import { casesToCsv, type ExportedCase } from '../../../admin/src/cases/caseCsv';
import { polishMessagesAll } from '../../../admin/src/i18n/pl';

/** The Polish screens' text for a key, as react-admin's translate finds it (no fallback). */
function translate(key: string): string {
  let value: unknown = polishMessagesAll;
  for (const part of key.split('.')) value = (value as Record<string, unknown>)?.[part];
  if (typeof value !== 'string') throw new Error(`no Polish text for ${key}`);
  return value;
}

/** The back office's own exports write the one CSV format, with the screens' names. */
describe('the back office CSV exports', () => {
  it('write the case list with semicolons, the Polish names and Warsaw times', () => {
    const cases: ExportedCase[] = [
      {
        id: 'a',
        number: '000001/26',
        kind: 'INCIDENT',
        status: 'FORWARDED',
        eventCode: 'POTHOLE',
        unitCode: 'ZDM',
        district: 'Wola',
        channel: 'MOBILE',
        // 23:30 UTC in March is 00:30 the next day in Warsaw; in July 22:15 UTC is 00:15.
        createdAt: '2026-03-01T23:30:00.000Z',
        resolutionDueAt: '2026-07-01T22:15:00.000Z',
        slaState: 'ON_TRACK',
        escalationLevel: 0,
      },
      {
        id: 'b',
        number: '000002/26',
        kind: 'INFORMATION',
        status: 'TRIAGE',
        eventCode: null,
        unitCode: null,
        district: 'Praga; Północ',
        channel: 'PHONE',
        createdAt: '2026-01-10T10:00:00.000Z',
        resolutionDueAt: null,
        slaState: null,
        escalationLevel: 0,
      },
    ];
    const csv = casesToCsv(cases, {
      translate,
      eventName: (code) => (code === 'POTHOLE' ? 'Drogi › Dziura w jezdni' : code),
      unitName: (code) => (code === 'ZDM' ? 'Zarząd Dróg Miejskich' : code),
    });
    expect(csv).toBe(
      '\uFEFFNumer;Typ;Status;Zdarzenie;Jednostka;Dzielnica;Kanał;Przyjęto;Termin realizacji;SLA;Eskalacja\r\n' +
        '000001/26;Awaria / interwencja;Przekazane;Drogi › Dziura w jezdni;Zarząd Dróg Miejskich;Wola;Aplikacja mobilna;2026-03-02 00:30;2026-07-02 00:15;W terminie;0\r\n' +
        '000002/26;Pytanie;Do klasyfikacji;;;"Praga; Północ";Telefon;2026-01-10 11:00;;;0\r\n',
    );
  });

  it('write the audit trail with the labels of its screen', () => {
    const labels: AuditLabels = {
      translate,
      actor: (actor) => (actor === 'user:clerk' ? 'clerk' : actor),
      role: (role) => (role === 'CLERK' ? 'Urzędnik' : (role ?? '')),
      type: (type) => translate(`civicflow.audit.type.${type}`),
      status: (status) => (status ? translate(`civicflow.status.${status}`) : ''),
    };
    const csv = auditToCsv(
      [
        {
          id: 7,
          createdAt: '2026-10-25T00:30:00.000Z',
          actor: 'user:clerk',
          actorRole: 'CLERK',
          type: 'CANCELLED',
          status: 'CANCELLED',
          caseNumber: '000003/26',
          caseId: '6b1f0a52-0000-4000-8000-000000000000',
          note: 'Spam: "wygraj"\nproszę usunąć',
        },
      ],
      labels,
    );
    expect(csv).toBe(
      '\uFEFFNr;Kiedy;Kto;Rola;Co;Status sprawy;Sprawa;Notatka / uzasadnienie\r\n' +
        '7;2026-10-25 02:30;clerk;Urzędnik;Anulowanie;Anulowane;000003/26;"Spam: ""wygraj""\nproszę usunąć"\r\n',
    );
  });
});
