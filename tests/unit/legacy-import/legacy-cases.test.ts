import { readExportFile } from '../../../domain/legacy-import/legacy-export';
import { groupLegacyRows, type LegacyCase } from '../../../domain/legacy-import/legacy-cases';
import { combineLegacyFiles, readLegacyFile } from '../../../domain/legacy-import/legacy-file';
import { sample } from './fixtures';

function casesOf(...files: string[]): { cases: Map<string, LegacyCase>; repeatedRows: number } {
  const { cases, repeatedRows } = combineLegacyFiles(files.map((file) => readLegacyFile(sample(file), file)));
  return { cases: new Map(cases.map((legacyCase) => [legacyCase.number, legacyCase])), repeatedRows };
}

describe('rows are grouped into one legacy case per number, with its units', () => {
  it('makes one case of the rows of a case forwarded to three units, each unit with its closing time', () => {
    const { cases } = casesOf('open-cases-utf16.csv');
    expect(cases.get('223820/14')).toMatchObject({
      kind: 'INCIDENT',
      acceptedAt: new Date('2014-03-12T22:15:10Z'),
      source: { channel: 'PHONE', name: 'TELEFON' },
      units: [
        { unitName: 'Biuro Gospodarki Odpadami Komunalnymi', closedAt: new Date('2014-03-14T09:00:00Z') },
        { unitName: 'Straż Miejska', closedAt: null },
        { unitName: 'Urząd Dzielnicy Mokotów', closedAt: new Date('2014-03-20T08:30:00Z') },
      ],
      status: 'OPEN',
      closedAt: null,
    });
  });

  it('counts a repeated row of the same case and unit once, and says where every row was', () => {
    const { cases, repeatedRows } = casesOf('open-cases-utf16.csv');
    expect(repeatedRows).toBe(1);
    expect(cases.get('223820/14')?.units).toHaveLength(3);
    expect(cases.get('223820/14')?.origins.map((origin) => origin.line)).toEqual([2, 3, 4, 9]);
    expect([...cases.keys()]).toEqual(['223820/14', '223821/14', '223822/14', '223825/14', '223826/14']);
  });

  it('closes a case when every unit closed it, at the latest closing time', () => {
    const { cases } = casesOf('closed-cases-utf16.csv');
    expect(cases.get('150001/15')).toMatchObject({
      status: 'CLOSED',
      closedAt: new Date('2015-01-07T14:30:00Z'),
      reportedAt: new Date('2015-01-05T06:18:30Z'),
      units: [
        { unitName: 'Zarząd Dróg Miejskich', closedAt: new Date('2015-01-06T09:00:00Z') },
        { unitName: 'Zarząd Oczyszczania Miasta', closedAt: new Date('2015-01-07T14:30:00Z') },
      ],
    });
  });

  it('closes an information request, which goes to no unit, by its own closing time', () => {
    const { cases } = casesOf('closed-cases-utf16.csv', 'open-cases-utf16.csv');
    expect(cases.get('004512/15')).toMatchObject({
      kind: 'INFORMATION',
      units: [],
      status: 'CLOSED',
      closedAt: new Date('2015-02-01T09:05:00Z'),
    });
    expect(cases.get('223821/14')).toMatchObject({ units: [], status: 'OPEN', closedAt: null });
  });

  it('closes a case of the open-cases export that a later closed-cases export closes', () => {
    const { cases, repeatedRows } = casesOf('open-cases-utf16.csv', 'closed-cases-utf16.csv');
    expect(repeatedRows).toBe(4);
    expect(cases.get('223820/14')).toMatchObject({
      status: 'CLOSED',
      closedAt: new Date('2014-03-25T11:00:00Z'),
      // Only the closed-cases export has the report time: it fills the gap the open one left.
      reportedAt: new Date('2014-03-12T22:10:00Z'),
    });
    expect(cases.get('223820/14')?.units.map((unit) => unit.closedAt)).toEqual([
      new Date('2014-03-14T09:00:00Z'),
      new Date('2014-03-25T11:00:00Z'),
      new Date('2014-03-20T08:30:00Z'),
    ]);
    expect(cases.get('223820/14')?.origins).toContainEqual({ file: 'closed-cases-utf16.csv', line: 3 });
  });

  it('keeps a unit that is not in any unit list under the name the file gives it', () => {
    const { cases } = casesOf('open-cases-utf16.csv');
    expect(cases.get('223825/14')?.units).toEqual([
      { unitName: 'Zakład Oczyszczania Miasta (dawny)', closedAt: null },
    ]);
  });

  it('treats the same unit written with other case or spacing as the same unit', () => {
    const reading = readExportFile(sample('open-cases-utf16.csv'));
    if (!reading.ok) throw new Error(reading.reason);
    const rows = reading.rows.filter((row) => row.number === '223820/14');
    const shouted = rows.map((row) => ({ ...row, unitName: row.unitName!.toUpperCase() }));
    const { cases, repeatedRows } = groupLegacyRows([
      { file: 'a', rows },
      { file: 'b', rows: shouted },
    ]);
    // The file's own repeated row (line 9), then all four rows again in capitals.
    expect(repeatedRows).toBe(5);
    expect(cases[0].units).toHaveLength(3);
  });
});
