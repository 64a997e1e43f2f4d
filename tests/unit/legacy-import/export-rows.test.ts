import { delimitedRecords } from '../../../domain/legacy-import/delimited-text';
import { readExportFile, type LegacyRow } from '../../../domain/legacy-import/legacy-export';
import {
  legacyAddress,
  legacyCaseNumber,
  legacyKind,
  legacySource,
} from '../../../domain/legacy-import/legacy-values';
import { parseWarsawTime } from '../../../domain/legacy-import/warsaw-time';
import { sample, utf8 } from './fixtures';

function openCasesRows(): LegacyRow[] {
  const reading = readExportFile(sample('open-cases-utf16.csv'));
  if (!reading.ok) throw new Error(reading.reason);
  return reading.rows;
}

describe('delimited text', () => {
  it('splits quoted fields with separators, doubled quotes and line breaks, numbering records by their first line', () => {
    const text = 'a;b;c\r\n"1;2";"say ""hi""";"two\r\nlines"\r\n\r\nx;;\n"open';
    expect([...delimitedRecords(text, ';')]).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1;2', 'say "hi"', 'two\r\nlines'] },
      { line: 5, fields: ['x', '', ''] },
      { line: 6, error: 'a quoted field is not closed before the end of the file' },
    ]);
  });

  it('keeps a trailing empty field and a file without a final line break', () => {
    expect([...delimitedRecords('a\tb\t', '\t')]).toEqual([{ line: 1, fields: ['a', 'b', ''] }]);
  });
});

describe('times are Warsaw wall-clock times, daylight saving included', () => {
  it('turns winter and summer times into the right instants', () => {
    expect(parseWarsawTime('2014-03-12 23:15:10')?.toISOString()).toBe('2014-03-12T22:15:10.000Z');
    expect(parseWarsawTime('2014-07-01 12:00:00')?.toISOString()).toBe('2014-07-01T10:00:00.000Z');
  });

  it('takes the earlier instant of the hour October repeats and moves a time March skips forward', () => {
    expect(parseWarsawTime('2014-10-26 02:30:00')?.toISOString()).toBe('2014-10-26T00:30:00.000Z');
    expect(parseWarsawTime('2014-10-26 03:00:00')?.toISOString()).toBe('2014-10-26T02:00:00.000Z');
    expect(parseWarsawTime('2014-03-30 01:59:59')?.toISOString()).toBe('2014-03-30T00:59:59.000Z');
    expect(parseWarsawTime('2014-03-30 02:30:00')?.toISOString()).toBe('2014-03-30T01:30:00.000Z');
    expect(parseWarsawTime('2014-03-30 03:30:00')?.toISOString()).toBe('2014-03-30T01:30:00.000Z');
  });

  it('reads the forms spreadsheets re-save times in, and no impossible day', () => {
    expect(parseWarsawTime('12.03.2014 23:15')?.toISOString()).toBe('2014-03-12T22:15:00.000Z');
    expect(parseWarsawTime('2014-03-12T23:15:10.5')?.toISOString()).toBe('2014-03-12T22:15:10.500Z');
    expect(parseWarsawTime('2014-02-29 10:00:00')).toBeNull();
    expect(parseWarsawTime('2014-13-45 10:00:00')).toBeNull();
    expect(parseWarsawTime('yesterday')).toBeNull();
  });

  it('reads the times of the sample export', () => {
    const rows = openCasesRows();
    expect(rows.find((row) => row.number === '223821/14')?.acceptedAt.toISOString()).toBe(
      '2014-03-30T01:30:00.000Z',
    );
    expect(rows.find((row) => row.number === '223822/14')?.acceptedAt.toISOString()).toBe(
      '2014-10-26T00:30:00.000Z',
    );
  });
});

describe('the legacy words become civicflow kinds and channels', () => {
  it('maps the four request types to the case kinds', () => {
    expect(legacyKind('Informacyjne')).toBe('INFORMATION');
    expect(legacyKind('Awaria / Interwencja')).toBe('INCIDENT');
    expect(legacyKind('awaria/interwencja')).toBe('INCIDENT');
    expect(legacyKind('Reklamacja')).toBe('COMPLAINT');
    expect(legacyKind('Wolne wnioski i uwagi')).toBe('SUGGESTION');
    expect(legacyKind('Pytanie')).toBeNull();
  });

  it('maps the sources with a channel and keeps any other source under its own name', () => {
    expect(legacySource('TELEFON')).toEqual({ channel: 'PHONE', name: 'TELEFON' });
    expect(legacySource('PORTAL')).toEqual({ channel: 'PORTAL', name: 'PORTAL' });
    expect(legacySource('MOBILE')).toEqual({ channel: 'MOBILE', name: 'MOBILE' });
    expect(legacySource('E-MAIL')).toEqual({ channel: 'EMAIL', name: 'E-MAIL' });
    expect(legacySource(' CKM ')).toEqual({ channel: null, name: 'CKM' });
    expect(legacySource('FAX')).toEqual({ channel: null, name: 'FAX' });
    expect(legacySource('')).toBeNull();
  });

  it('keeps the CKM source of the sample export, not dropped and not made a channel', () => {
    expect(openCasesRows().find((row) => row.number === '223821/14')).toMatchObject({
      kind: 'INFORMATION',
      source: { channel: null, name: 'CKM' },
      district: null,
      street: null,
      unitName: null,
      position: null,
    });
  });

  it('writes case numbers as civicflow does: six digits, a slash, the year', () => {
    expect(legacyCaseNumber('223820/14')).toBe('223820/14');
    expect(legacyCaseNumber(' 4512/15 ')).toBe('004512/15');
    expect(legacyCaseNumber('0/15')).toBeNull();
    expect(legacyCaseNumber('223820-14')).toBeNull();
  });
});

describe('a street field holding a whole address is split', () => {
  it('drops the city and moves the building number to an empty building field', () => {
    expect(legacyAddress('Opoczyńska 2–12, Warszawa', '')).toEqual({
      street: 'Opoczyńska',
      building: '2–12',
    });
    expect(legacyAddress('Puławska 12 / 14, 02-512 Warszawa', '')).toEqual({
      street: 'Puławska',
      building: '12/14',
    });
    expect(legacyAddress('ul. 11 Listopada 5a', '')).toEqual({ street: 'ul. 11 Listopada', building: '5a' });
  });

  it('keeps the building field when both hold a number, and a street without a number as it is', () => {
    expect(legacyAddress('Opoczyńska 2–12, Warszawa', '4')).toEqual({ street: 'Opoczyńska', building: '4' });
    expect(legacyAddress('Marszałkowska', '10')).toEqual({ street: 'Marszałkowska', building: '10' });
    expect(legacyAddress('', '')).toEqual({ street: null, building: null });
  });

  it('keeps a street whose name ends in a number whole when the street register knows it', () => {
    const register = (name: string) => name === 'Dywizjonu 303';
    expect(legacyAddress('Dywizjonu 303', '', register)).toEqual({ street: 'Dywizjonu 303', building: null });
    expect(legacyAddress('Dywizjonu 303 7', '', register)).toEqual({
      street: 'Dywizjonu 303',
      building: '7',
    });
  });

  it('splits the address of the sample export', () => {
    expect(openCasesRows()[0]).toMatchObject({ district: 'Mokotów', street: 'Opoczyńska', building: '2–12' });
  });
});

describe('a bad row is reported by its line and the other rows are read', () => {
  it('reports the sample export’s bad date and unknown type by line and reads the rest', () => {
    const reading = readExportFile(sample('open-cases-utf16.csv'));
    if (!reading.ok) throw new Error(reading.reason);
    expect(reading.rowsRead).toBe(10);
    expect(reading.rows.map((row) => row.line)).toEqual([2, 3, 4, 5, 6, 9, 10, 12]);
    expect(reading.problems).toEqual([
      {
        line: 7,
        reason: 'intake time "2014-13-45 10:00:00" is not a date and time (like 2014-03-12 23:15:10)',
        skipped: true,
      },
      {
        line: 8,
        reason:
          'unknown request type "Pytanie" (expected one of Informacyjne, Awaria / Interwencja, Reklamacja, Wolne wnioski i uwagi)',
        skipped: true,
      },
      {
        line: 12,
        reason:
          'coordinates "1", "2" are neither PL-2000 metres nor WGS84 degrees in Poland: position left empty',
        skipped: false,
      },
    ]);
  });

  it('counts the line breaks inside a quoted field, so later lines are still right', () => {
    const rows = openCasesRows();
    expect(rows.find((row) => row.number === '223825/14')).toMatchObject({
      line: 10,
      street: 'Plac Wilsona',
    });
    expect(rows.find((row) => row.number === '223826/14')).toMatchObject({ line: 12, position: null });
  });

  it('reports rows cut short, rows with extra fields, bad numbers and empty or bad times', () => {
    const header =
      'Numer zgłoszenia;Data przyjęcia zgłoszenia;Typ zgłoszenia;Dzielnica;Ulica;Numer budynku;Długość geograficzna;Szerokość geograficzna;Organizacja;Data zakończenia;Źródło';
    const text = [
      header,
      '1/14;2014-01-01 10:00:00;Reklamacja;;;;;;;;TELEFON',
      '2/14;2014-01-01 10:00:00;Reklamacja',
      '3/14;2014-01-01 10:00:00;Reklamacja;;;;;;;;TELEFON;x',
      'abc;2014-01-01 10:00:00;Reklamacja;;;;;;;;TELEFON',
      '5/14;;Reklamacja;;;;;;;;TELEFON',
      '6/14;2014-01-01 10:00:00;Reklamacja;;;;;;;jutro;TELEFON',
      '7/14;2014-01-01 10:00:00;Reklamacja;;;;;;;;TELEFON;;',
    ].join('\n');
    const reading = readExportFile(utf8(text));
    if (!reading.ok) throw new Error(reading.reason);
    expect(reading.rows.map((row) => row.number)).toEqual(['000001/14', '000007/14']);
    expect(reading.problems).toEqual([
      { line: 3, reason: 'the row has 3 fields where the header has 11', skipped: true },
      {
        line: 4,
        reason: 'the row has 12 fields where the header has 11 (a separator inside an unquoted field?)',
        skipped: true,
      },
      { line: 5, reason: '"abc" is not a case number (like 223820/14)', skipped: true },
      { line: 6, reason: 'the intake time (Data przyjęcia zgłoszenia) is empty', skipped: true },
      {
        line: 7,
        reason: 'closing time "jutro" is not a date and time (like 2014-03-12 23:15:10)',
        skipped: true,
      },
    ]);
  });
});

describe('the spreadsheet variant of the export', () => {
  it('reads Polish dates, decimal commas and quoted fields with separators and quotes', () => {
    const reading = readExportFile(sample('closed-cases-spreadsheet.csv'));
    if (!reading.ok) throw new Error(reading.reason);
    expect(reading.problems).toEqual([]);
    const [first, second, third] = reading.rows;
    expect(first).toMatchObject({
      number: '160100/16',
      acceptedAt: new Date('2016-03-15T08:05:00Z'),
      reportedAt: new Date('2016-03-15T08:01:00Z'),
      closedAt: new Date('2016-03-16T13:00:00Z'),
      street: 'Puławska',
      building: '100',
      position: { system: 'EPSG:2178' },
    });
    expect(first.position?.lat).toBeCloseTo(52.196, 6);
    expect(first.position?.lon).toBeCloseTo(21.0225, 6);
    expect(second).toMatchObject({
      kind: 'COMPLAINT',
      // 02:15 on 27 March 2016 does not exist in Warsaw: it is 03:15 CEST.
      acceptedAt: new Date('2016-03-27T01:15:00Z'),
      street: 'al. Wilanowska; róg Puławskiej',
      unitName: 'Zarząd Transportu Miejskiego "ZTM"',
      position: { lat: 52.15, lon: 21.07, system: 'EPSG:4326' },
      reportedAt: null,
      closedAt: null,
    });
    expect(third).toMatchObject({ kind: 'SUGGESTION', source: { channel: 'PORTAL' }, unitName: null });
  });
});
