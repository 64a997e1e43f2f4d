import { readFileSync } from 'node:fs';
import path from 'node:path';

const FIXTURES = path.resolve(__dirname, '../../fixtures/legacy-import');

/** The bytes of a committed sample (tests/fixtures/legacy-import/README.md says what each holds). */
export function sample(name: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(FIXTURES, name)));
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** UTF-16 little-endian with the byte order mark, as the city's export is written. */
export function utf16le(text: string, bom = true): Uint8Array {
  const body = Buffer.from(text, 'utf16le');
  return new Uint8Array(bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), body]) : body);
}

export const OPEN_HEADER = [
  'Numer zgłoszenia',
  'Data przyjęcia zgłoszenia',
  'Typ zgłoszenia',
  'Dzielnica',
  'Ulica',
  'Numer budynku',
  'Długość geograficzna',
  'Szerokość geograficzna',
  'Organizacja',
  'Data zakończenia',
  'Źródło',
];
