import { readExportFile, recogniseExportHeader } from '../../../domain/legacy-import/legacy-export';
import { decodeExportText } from '../../../domain/legacy-import/text-decoding';
import { OPEN_HEADER, sample, utf16le, utf8 } from './fixtures';

describe('an export file is decoded whatever encoding it was saved in', () => {
  it('reads the city export: UTF-16 little-endian with a byte order mark, tabs and CRLF', () => {
    const reading = readExportFile(sample('open-cases-utf16.csv'));
    expect(reading).toMatchObject({ ok: true, encoding: 'utf-16le', separator: '\t', layout: 'OPEN_CASES' });
  });

  it('reads UTF-16 without the byte order mark and UTF-16 big-endian', () => {
    const text = `${OPEN_HEADER.join('\t')}\r\n`;
    expect(decodeExportText(utf16le(text, false))).toEqual({ ok: true, text, encoding: 'utf-16le' });
    const bigEndian = new Uint8Array([0xfe, 0xff, ...Buffer.from(text, 'utf16le').swap16()]);
    expect(decodeExportText(bigEndian)).toEqual({ ok: true, text, encoding: 'utf-16be' });
  });

  it('reads UTF-8 with and without the byte order mark, which is not part of the text', () => {
    const text = `${OPEN_HEADER.join(';')}\n`;
    expect(decodeExportText(utf8(`\ufeff${text}`))).toEqual({ ok: true, text, encoding: 'utf-8' });
    expect(decodeExportText(utf8(text))).toEqual({ ok: true, text, encoding: 'utf-8' });
  });

  it('reads Windows-1250, as Polish Excel saves CSV, with its Polish letters intact', () => {
    const reading = readExportFile(sample('open-cases-excel-cp1250.csv'));
    expect(reading).toMatchObject({ ok: true, encoding: 'windows-1250', separator: ';' });
    expect(reading.ok && reading.rows[0]).toMatchObject({
      district: 'Żoliborz',
      unitName: 'Urząd Dzielnicy Żoliborz',
    });
  });
});

describe('a file that is not an export is refused with the reason, before any row is read', () => {
  it('refuses random bytes as not text', () => {
    expect(readExportFile(sample('random.bin'))).toEqual({
      ok: false,
      reason: 'the file is not text (binary data or random bytes), so it is not an export',
    });
  });

  it('refuses an empty file and a spreadsheet that was not saved as CSV', () => {
    expect(readExportFile(new Uint8Array())).toEqual({ ok: false, reason: 'the file is empty' });
    const xlsx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);
    expect(readExportFile(xlsx)).toMatchObject({ ok: false, reason: expect.stringContaining('zip archive') });
  });

  it('refuses another CSV, naming the columns an export has and what the file has instead', () => {
    const reading = readExportFile(sample('open-data-notifications.csv'));
    expect(reading.ok).toBe(false);
    expect(!reading.ok && reading.reason).toMatch(/^not a 19115 export: its first line names none of/);
    expect(!reading.ok && reading.reason).toContain('Numer zgłoszenia');
    expect(!reading.ok && reading.reason).toContain('"notificationNumber", "category"');
  });

  it('refuses a CSV with only some of the export columns, naming the missing ones', () => {
    const reading = readExportFile(utf8('Numer zgłoszenia;Typ zgłoszenia;Kwota\n223820/14;Reklamacja;12\n'));
    expect(reading.ok).toBe(false);
    expect(!reading.ok && reading.reason).toMatch(
      /^not a 19115 export: its first line lacks the columns Data przyjęcia zgłoszenia, Dzielnica, .*Źródło \(it has "Numer zgłoszenia", "Typ zgłoszenia", "Kwota"\)$/,
    );
  });

  it('refuses a text file that is no table at all', () => {
    expect(readExportFile(utf8('Dear city,\nplease find attached our export.\n'))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^not a 19115 export/),
    });
  });
});

describe('the two layouts of the export are told apart by the header', () => {
  it('knows the open-cases export by its 11 columns', () => {
    const recognised = recogniseExportHeader(`${OPEN_HEADER.join('\t')}\r\n`);
    expect(recognised).toMatchObject({
      ok: true,
      header: { layout: 'OPEN_CASES', separator: '\t', width: 11 },
    });
  });

  it('knows the closed-cases export by its 12th column, Data zgłoszenia', () => {
    expect(readExportFile(sample('closed-cases-utf16.csv'))).toMatchObject({
      ok: true,
      layout: 'CLOSED_CASES',
    });
    expect(readExportFile(sample('closed-cases-spreadsheet.csv'))).toMatchObject({
      ok: true,
      layout: 'CLOSED_CASES',
      encoding: 'utf-8',
      separator: ';',
    });
  });

  it('finds columns by name, whatever their order, case and diacritics', () => {
    const header = ['ZRODLO', ...OPEN_HEADER.slice(0, 10).map((name) => name.toLowerCase())].join(',');
    const row = ['PORTAL', '223820/14', '2014-03-12 23:15:10', 'Reklamacja', '', '', '', '', '', '', '', ''];
    const reading = readExportFile(utf8(`${header}\r\n${row.join(',')}\r\n`));
    expect(reading).toMatchObject({ ok: true, separator: ',', layout: 'OPEN_CASES' });
    expect(reading.ok && reading.rows[0]).toMatchObject({
      number: '223820/14',
      kind: 'COMPLAINT',
      source: { channel: 'PORTAL', name: 'PORTAL' },
    });
  });
});
