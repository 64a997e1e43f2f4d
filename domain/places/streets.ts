import { haversineMeters, type GeoPoint } from './geo';
import { normalizePlaceText, normalizeStreetQuery } from './normalize';

export const STREET_TYPES = ['ul.', 'al.', 'pl.', 'rondo'] as const;
export type StreetType = (typeof STREET_TYPES)[number];

/** One street, or the part of a street within one district, as the register lists it. */
export interface StreetRecord {
  type: StreetType;
  name: string;
  district: string;
  lat: number;
  lon: number;
}

export interface Street extends StreetRecord {
  /** The name as written on the city's signs: "ul. Marszałkowska", "rondo Romana Dmowskiego". */
  label: string;
}

export interface NearStreet {
  street: Street;
  distanceMeters: number;
}

interface IndexedStreet {
  street: Street;
  /** Normalised name. */
  key: string;
  /** Normalised words of the name, for word-prefix matches ("pils" finds "Józefa Piłsudskiego"). */
  words: string[];
}

/**
 * How well a street's name matches the query: the whole name starts with it, a word of the name
 * starts with it (every word of a multi-word query starting a word of the name), or it appears
 * anywhere. Lower is better; null is no match.
 */
function matchRank(entry: IndexedStreet, query: string, queryWords: string[]): number | null {
  if (entry.key.startsWith(query)) return 0;
  if (queryWords.every((word) => entry.words.some((candidate) => candidate.startsWith(word)))) return 1;
  if (entry.key.includes(query)) return 2;
  return null;
}

const collator = new Intl.Collator('pl', { sensitivity: 'base' });

const BUILDING_NUMBER = /^\d+[a-z]?$/;

/** The streets a city knows, searchable by name and by distance. */
export class StreetIndex {
  private readonly entries: IndexedStreet[];
  private readonly byKey = new Map<string, Street[]>();

  constructor(records: readonly StreetRecord[]) {
    this.entries = records.map((record) => {
      const street: Street = { ...record, label: `${record.type} ${record.name}` };
      const key = normalizePlaceText(record.name);
      this.byKey.set(key, [...(this.byKey.get(key) ?? []), street]);
      return { street, key, words: key.split(' ') };
    });
  }

  /**
   * The register's street a text names exactly, regardless of case, diacritics, a street type
   * before the name and a building number after it ("ul. Puławska 100/2" is Puławska), the part in
   * `district` first; null when the text is anything else. Text typed into a street field is
   * published only through this, so what gets out is the register's spelling, never the typist's.
   */
  named(text: string, district?: string | null): Street | null {
    const found = this.parts(text);
    return found.find((street) => street.district === district) ?? found[0] ?? null;
  }

  /**
   * Every part of the register's street a text names exactly (one per district it runs through),
   * read as {@link named} reads it; empty when the text is anything else.
   */
  parts(text: string): Street[] {
    const words = normalizeStreetQuery(text).split(' ').filter(Boolean);
    // At most two trailing tokens: "12", "12a", or "12 14" from "12/14".
    for (let dropped = 0; dropped <= 2 && words.length > 0; dropped++) {
      const found = this.byKey.get(words.join(' '));
      if (found) return found;
      if (!BUILDING_NUMBER.test(words[words.length - 1])) return [];
      words.pop();
    }
    return [];
  }

  get size(): number {
    return this.entries.length;
  }

  all(): Street[] {
    return this.entries.map((entry) => entry.street);
  }

  /**
   * Streets whose name matches the query, regardless of case, diacritics and a typed street type:
   * names starting with the query first, then names with a word starting with it, then names
   * containing it; within a rank shorter names first (the exact street before its longer
   * namesakes), then alphabetically in Polish order, then by district.
   */
  search(text: string, limit: number): Street[] {
    const query = normalizeStreetQuery(text);
    if (!query) return [];
    const queryWords = query.split(' ');
    const ranked: { entry: IndexedStreet; rank: number }[] = [];
    for (const entry of this.entries) {
      const rank = matchRank(entry, query, queryWords);
      if (rank !== null) ranked.push({ entry, rank });
    }
    ranked.sort(
      (a, b) =>
        a.rank - b.rank ||
        a.entry.key.length - b.entry.key.length ||
        collator.compare(a.entry.street.name, b.entry.street.name) ||
        collator.compare(a.entry.street.district, b.entry.street.district),
    );
    return ranked.slice(0, limit).map((r) => r.entry.street);
  }

  /** The `count` street points nearest to a point, nearest first. */
  nearest(point: GeoPoint, count: number): NearStreet[] {
    return this.entries
      .map((entry) => ({ street: entry.street, distanceMeters: haversineMeters(point, entry.street) }))
      .sort((a, b) => a.distanceMeters - b.distanceMeters)
      .slice(0, count);
  }
}

/**
 * The register's part of the street a text names, where a case at that street gets its position:
 * the part in `district`, or the only part when no district is given. Null when the text names no
 * register street, when the street has no part in the given district, or when it runs through
 * several districts and none was given: a guessed part would put the pin and the duplicate check
 * kilometres away. The register has no building positions, so the building does not move the point.
 */
export function streetPart(index: StreetIndex, text: string, district?: string | null): Street | null {
  const parts = index.parts(text);
  if (district) return parts.find((part) => part.district === district) ?? null;
  return parts.length === 1 ? parts[0] : null;
}
