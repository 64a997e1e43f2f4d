import type { CaseKind, Channel } from '../cases/case-states';
import { normalizePlaceText } from '../places/normalize';

/**
 * The legacy system's words for kinds and sources, and its numbers and addresses, in civicflow's
 * terms. Matching ignores case, diacritics, spacing and punctuation: spreadsheets and hand edits
 * change those and nothing else.
 */

/** The four request types of the city's export (the names in db/seed-data/warsaw/taxonomy.json). */
export const LEGACY_KIND_NAMES: Record<CaseKind, string> = {
  INFORMATION: 'Informacyjne',
  INCIDENT: 'Awaria / Interwencja',
  COMPLAINT: 'Reklamacja',
  SUGGESTION: 'Wolne wnioski i uwagi',
};

const KINDS_BY_KEY = new Map<string, CaseKind>(
  (Object.entries(LEGACY_KIND_NAMES) as [CaseKind, string][]).flatMap(([kind, name]) => [
    [normalizePlaceText(name), kind],
    // civicflow's own records (open data) name the kind by its code.
    [normalizePlaceText(kind), kind],
  ]),
);

export function legacyKind(text: string): CaseKind | null {
  return KINDS_BY_KEY.get(normalizePlaceText(text)) ?? null;
}

/**
 * A source with a civicflow channel, or one kept under its own name (`CKM`, the contact center's
 * own entries, and whatever else an export holds): never dropped, never quietly made a channel it
 * was not.
 */
export interface LegacySource {
  channel: Channel | null;
  /** As the file writes it, trimmed. */
  name: string;
}

const CHANNELS_BY_SOURCE = new Map<string, Channel>([
  ['telefon', 'PHONE'],
  ['portal', 'PORTAL'],
  ['mobile', 'MOBILE'],
  ['e mail', 'EMAIL'],
  ['email', 'EMAIL'],
  // civicflow's open data writes API for cases filed by Open311 clients (api/open-data).
  ['api', 'OPEN311'],
]);

export function legacySource(text: string): LegacySource | null {
  const name = text.trim();
  if (!name) return null;
  return { channel: CHANNELS_BY_SOURCE.get(normalizePlaceText(name)) ?? null, name };
}

const LEGACY_NUMBER = /^(\d{1,9})\s*\/\s*(\d{2})$/;

/**
 * A case number as civicflow writes it: the running number zero-padded to six digits (as
 * domain/cases/case-number.ts does), so `223820/14` stays `223820/14` and an early `4512/14`
 * becomes `004512/14`, found by number like any case. Null for anything that is not a number.
 */
export function legacyCaseNumber(text: string): string | null {
  const match = LEGACY_NUMBER.exec(text.trim());
  if (!match || Number(match[1]) < 1) return null;
  return `${match[1].padStart(6, '0')}/${match[2]}`;
}

/** Empty or blank fields are no value. */
export function optionalText(text: string | undefined): string | null {
  const value = text?.replace(/\s+/g, ' ').trim();
  return value ? value : null;
}

/** A building number: `12`, `12a`, `12/14`, `2–12`, `12 lok. 3` is not (that names a flat). */
const BUILDING = /^(\d+\s?[a-zA-Z]?(?:\s*[-–—/]\s*\d+\s?[a-zA-Z]?)*)$/;
/** City words and postal codes that end a whole address typed into the street field. */
const CITY_PART = /^(?:\d{2}-\d{3}\s*)?(?:m\.?\s*st\.?\s*)?(?:warszawa|warsaw)$/i;

export interface LegacyAddress {
  street: string | null;
  building: string | null;
}

/**
 * The street and building of a row. Street fields sometimes hold a whole address
 * (`Opoczyńska 2–12, Warszawa`): the city part is dropped and a trailing building number moves to
 * the building when the building field is empty (the building field wins when both are filled: it
 * was typed as a building number). `isStreetName` (the city's street register) keeps names that
 * end in a number whole: "Dywizjonu 303" is a street, not building 303 of "Dywizjonu".
 */
export function legacyAddress(
  streetField: string,
  buildingField: string,
  isStreetName: (text: string) => boolean = () => false,
): LegacyAddress {
  const building = optionalText(buildingField);
  const parts = (optionalText(streetField) ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  while (parts.length > 1 && CITY_PART.test(parts[parts.length - 1])) parts.pop();
  let street = parts.join(', ');
  if (isStreetName(street)) return { street, building };
  let numberInStreet: string | null = null;
  const words = street.split(' ');
  // The building number is the address's last words after a name: "Aleje Jerozolimskie 2–12".
  for (let start = 1; start < words.length; start++) {
    const tail = words.slice(start).join(' ');
    if (BUILDING.test(tail)) {
      numberInStreet = tail.replace(/\s*([-–—/])\s*/g, '$1');
      street = words.slice(0, start).join(' ');
      break;
    }
  }
  return { street: street || null, building: building ?? numberInStreet };
}
