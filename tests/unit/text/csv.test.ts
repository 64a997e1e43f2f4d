import { csvField, toCsv, warsawDateTime } from '../../../domain/text/csv';

/** The back office's one CSV format: what Excel in a Polish locale opens in columns. */
describe('the CSV writer', () => {
  describe('a field', () => {
    it.each([
      ['Wola', 'Wola'],
      ['Żoliborz, ul. Krasińskiego', 'Żoliborz, ul. Krasińskiego'],
      ['a;b', '"a;b"'],
      ['powiedział "stop"', '"powiedział ""stop"""'],
      ['first\nsecond', '"first\nsecond"'],
      ['first\r\nsecond', '"first\r\nsecond"'],
      ['"', '""""'],
    ])('writes %j as %j', (value, expected) => {
      expect(csvField(value)).toBe(expected);
    });

    it.each([
      ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
      ['+48 600 100 200', "'+48 600 100 200"],
      ['-1', "'-1"],
      ['@cmd', "'@cmd"],
      ['\tx', "'\tx"],
      ['=A1;B1', `"'=A1;B1"`],
    ])('defuses %j, which a spreadsheet would run, as %j', (value, expected) => {
      expect(csvField(value)).toBe(expected);
    });

    it('writes numbers with a decimal comma and nothing for no value', () => {
      expect(csvField(3)).toBe('3');
      expect(csvField(-3)).toBe('-3');
      expect(csvField(66.7)).toBe('66,7');
      expect(csvField(0.25)).toBe('0,25');
      expect(csvField(Number.NaN)).toBe('');
      expect(csvField(null)).toBe('');
      expect(csvField(undefined)).toBe('');
      expect(csvField(true)).toBe('true');
    });
  });

  it('writes a byte order mark, semicolons and a CRLF after every line', () => {
    const text = toCsv(
      ['Numer', 'Opis', 'Średnia'],
      [
        ['1/26', 'dziura; głęboka', 4.5],
        ['2/26', 'linia\ndruga', null],
      ],
    );
    expect(text).toBe('\uFEFFNumer;Opis;Średnia\r\n1/26;"dziura; głęboka";4,5\r\n2/26;"linia\ndruga";\r\n');
    expect([...Buffer.from(text, 'utf8').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('writes only the header of an empty list', () => {
    expect(toCsv(['a', 'b'], [])).toBe('\uFEFFa;b\r\n');
  });

  describe('a time', () => {
    it.each([
      // Winter (CET, UTC+1) and summer (CEST, UTC+2).
      ['2026-01-15T10:05:00Z', '2026-01-15 11:05'],
      ['2026-07-15T10:05:00Z', '2026-07-15 12:05'],
      // The spring change, 28 March 2021: 02:00 CET is 03:00 CEST.
      ['2021-03-28T00:59:00Z', '2021-03-28 01:59'],
      ['2021-03-28T01:00:00Z', '2021-03-28 03:00'],
      // The autumn change, 31 October 2021: 02:30 happens twice.
      ['2021-10-31T00:30:00Z', '2021-10-31 02:30'],
      ['2021-10-31T01:30:00Z', '2021-10-31 02:30'],
      ['2021-10-31T02:00:00Z', '2021-10-31 03:00'],
      // Late evening in UTC is already the next day, or year, in Warsaw.
      ['2021-12-31T23:30:00Z', '2022-01-01 00:30'],
      ['2026-06-30T22:15:59.999Z', '2026-07-01 00:15'],
    ])('writes %s as Warsaw shows it: %s', (instant, expected) => {
      expect(warsawDateTime(instant)).toBe(expected);
      expect(warsawDateTime(new Date(instant))).toBe(expected);
    });

    it('writes nothing for no time or an unreadable one', () => {
      expect(warsawDateTime(null)).toBe('');
      expect(warsawDateTime(undefined)).toBe('');
      expect(warsawDateTime('')).toBe('');
      expect(warsawDateTime('yesterday')).toBe('');
    });
  });
});
