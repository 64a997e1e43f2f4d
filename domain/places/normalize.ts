/**
 * Text as residents type it and as the street register spells it, brought to one form: lower
 * case, no diacritics (Polish `ł` has no combining form, so it is mapped by hand), punctuation as
 * spaces, one space between words. "Żelazna", "zelazna" and "ŻELAZNA " all become "zelazna".
 */
export function normalizePlaceText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[łŁ]/g, 'l')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Street types residents often type before the name ("ul. Marszałkowska", "aleja Krakowska"):
 * the register keeps the type apart from the name, so a search ignores it.
 */
const TYPE_WORDS = new Set([
  'ul',
  'ulica',
  'ulicy',
  'al',
  'aleja',
  'aleje',
  'alei',
  'pl',
  'plac',
  'placu',
  'rondo',
  'ronda',
  'skwer',
  'most',
  'os',
  'osiedle',
  'street',
  'st',
  'avenue',
  'ave',
  'square',
  'sq',
]);

/** The normalised query without a leading street type; the type alone is kept as it is. */
export function normalizeStreetQuery(value: string): string {
  const words = normalizePlaceText(value).split(' ').filter(Boolean);
  while (words.length > 1 && TYPE_WORDS.has(words[0])) words.shift();
  return words.join(' ');
}
