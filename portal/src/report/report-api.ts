import { useEffect, useState } from 'react';
import { api } from '../api';
import type { Taxonomy } from '../api-types';

export type {
  CaseKind,
  CreatedCase,
  NearbyCase,
  PublicMapCase,
  ReverseGeocoding,
  Street,
  Suggestion,
  Taxonomy,
  TaxonomyEvent,
} from '../api-types';

/** Case numbers have a slash ("000123/26"); URLs carry them with a dash. */
export const caseSlug = (number: string) => number.replace('/', '-');

export function findEvent(taxonomy: Taxonomy | null, code: string | null | undefined) {
  if (!taxonomy || !code) return undefined;
  for (const sub of taxonomy.subcategories) {
    const event = sub.events.find((e) => e.code === code);
    if (event) return event;
  }
  return undefined;
}

/** Folds case and Polish letters away, so "lawka" finds "Ławka". */
export function searchable(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .toLowerCase();
}

export function useTaxonomy(): { taxonomy: Taxonomy | null; error: unknown } {
  const [taxonomy, setTaxonomy] = useState<Taxonomy | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let current = true;
    api<Taxonomy>('/api/v1/taxonomy').then(
      (loaded) => current && setTaxonomy(loaded),
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, []);
  return { taxonomy, error };
}

export function formatDate(iso: string, lang: 'pl' | 'en'): string {
  return new Intl.DateTimeFormat(lang === 'pl' ? 'pl-PL' : 'en-GB', { dateStyle: 'medium' }).format(
    new Date(iso),
  );
}
