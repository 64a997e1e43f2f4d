import { readLegacyFile } from '../../../domain/legacy-import/legacy-file';
import { readStoreRecords } from '../../../domain/legacy-import/store-records';
import { sample, utf8 } from './fixtures';

function storeSample() {
  const reading = readLegacyFile(sample('store-notifications.json'), 'store-notifications.json');
  if (!reading.ok || reading.format !== '19115STORE') throw new Error('not read as 19115store records');
  return reading;
}

describe('19115store records, as civicflow’s own open data writes them', () => {
  it('are recognised as JSON records and read into legacy cases', () => {
    const reading = storeSample();
    expect(reading).toMatchObject({
      ok: true,
      format: '19115STORE',
      encoding: 'utf-8',
    });
    expect(reading.rowsRead).toBe(5);
    expect(reading.cases.map((legacyCase) => legacyCase.number)).toEqual([
      '000012/26',
      '000013/26',
      '000014/26',
    ]);
  });

  it('read a closed case: kind, channel, place, event and its history, closed when the unit finished', () => {
    expect(storeSample().cases[0]).toEqual({
      number: '000012/26',
      kind: 'INCIDENT',
      acceptedAt: new Date(1767600000000),
      reportedAt: null,
      district: 'Mokotów',
      street: 'ul. Puławska',
      building: null,
      position: { lat: 52.196, lon: 21.0225, system: 'EPSG:4326' },
      source: { channel: 'MOBILE', name: 'MOBILE' },
      units: [],
      status: 'CLOSED',
      // "Zrealizowane", then "Zamknięte": the case was done when the unit finished it.
      closedAt: new Date(1767772800000),
      eventName: 'Dziura w jezdni',
      subcategoryName: 'Drogi',
      statuses: [
        {
          status: 'Nowe',
          description: 'Zgłoszenie zostało przyjęte przez Miejskie Centrum Kontaktu.',
          at: new Date(1767600000000),
        },
        {
          status: 'Przekazane',
          description: 'Zgłoszenie zostało przekazane do jednostki odpowiedzialnej za jego realizację.',
          at: new Date(1767600060000),
        },
        {
          status: 'Zrealizowane',
          description: 'Jednostka zakończyła realizację zgłoszenia.',
          at: new Date(1767772800000),
        },
        { status: 'Zamknięte', description: 'Zgłoszenie zostało zamknięte.', at: new Date(1768377600000) },
      ],
      origins: [{ file: 'store-notifications.json', line: 1 }],
    });
  });

  it('keep an open case open, and the CKM source under its own name', () => {
    expect(storeSample().cases[1]).toMatchObject({
      kind: 'COMPLAINT',
      source: { channel: null, name: 'CKM' },
      status: 'OPEN',
      closedAt: null,
      position: null,
      district: null,
    });
  });

  it('read API, civicflow’s word for Open311 clients, as the OPEN311 channel', () => {
    expect(storeSample().cases[2].source).toEqual({ channel: 'OPEN311', name: 'API' });
  });

  it('count a repeated record once, keeping the one with the longer history', () => {
    const reading = storeSample();
    expect(reading.repeatedRows).toBe(1);
    expect(reading.cases[2].statuses?.map((change) => change.status)).toEqual(['Przekazane', 'W trakcie']);
    expect(reading.cases[2].origins.map((origin) => origin.line)).toEqual([3, 5]);
  });

  it('report a bad record by its position and read the others', () => {
    expect(storeSample().problems).toEqual([
      { line: 4, reason: expect.stringMatching(/^not a 19115store record \(createDate: /), skipped: true },
    ]);
  });

  it('are found in the shapes the city’s API and plain arrays come in', () => {
    const record = {
      notificationNumber: '7/26',
      notificationType: 'INCIDENT',
      createDate: 1767600000000,
      source: 'TELEFON',
      statuses: [],
    };
    for (const json of [[record], { result: { notifications: [record] } }, { result: [record] }]) {
      const reading = readStoreRecords(JSON.stringify(json), 'f.json');
      expect(reading).toMatchObject({ ok: true, cases: [{ number: '000007/26', status: 'OPEN' }] });
    }
  });

  it('refuse JSON that is not such records, with the reason', () => {
    expect(readLegacyFile(utf8('{"users": [1, 2]}'), 'users.json')).toEqual({
      ok: false,
      file: 'users.json',
      reason:
        'not 19115store records: the JSON holds no list of notifications (an array, or {items}, {result} or {notifications})',
    });
    expect(readLegacyFile(utf8('[{"name": "x"}]'), 'x.json')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^not 19115store records: none of the 1 records reads/),
    });
    expect(readLegacyFile(utf8('{"items": [}'), 'broken.json')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^not valid JSON/),
    });
  });
});
