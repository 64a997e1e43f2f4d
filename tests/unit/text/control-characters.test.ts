import { findControlCharacter, stripControlCharacters } from '../../../domain/text/control-characters';

describe('the control-character rule', () => {
  it.each([
    ['a NUL', 'a\u0000b', 'U+0000'],
    ['a bell', 'dzwonek\u0007', 'U+0007'],
    ['a vertical tab', 'a\u000Bb', 'U+000B'],
    ['an escape', '\u001B[31m', 'U+001B'],
    ['DEL', 'x\u007F', 'U+007F'],
    ['a C1 control (text decoded with the wrong charset)', 'Pu\u0082awska', 'U+0082'],
    ['the last C1 control', 'a\u009Fb', 'U+009F'],
  ])('finds %s and names its code point', (_, text, character) => {
    expect(findControlCharacter({ description: text }, 'body')).toEqual({
      field: 'body.description',
      character,
    });
  });

  it.each([
    ['tab and line breaks', 'pierwsza linia\r\n\tdruga linia\n'],
    ['Polish letters', 'Zażółć gęślą jaźń, ul. Puławska 140'],
    ['no-break space and letters just past the C1 block', 'a\u00A0b \u00C0\u00FF'],
    ['emoji and other scripts', 'Dziura 🕳️ Привіт'],
  ])('lets %s through', (_, text) => {
    expect(findControlCharacter({ description: text, list: [text] }, 'body')).toBeNull();
  });

  it('names the path of a control character deep in arrays and keys', () => {
    expect(findControlCharacter({ a: [{ b: 'ok' }, { c: 'x\u0001' }] }, 'body')).toEqual({
      field: 'body.a.1.c',
      character: 'U+0001',
    });
    expect(findControlCharacter({ ['k\u0000']: 'v' }, 'query')).toEqual({
      field: 'query.k\u0000',
      character: 'U+0000',
    });
  });

  it('strips control characters from mail text, keeping tab and line breaks', () => {
    expect(stripControlCharacters('a\u0000b\tc\r\nd\u0085e\u007F')).toBe('ab\tc\r\nde');
  });
});
