import { useEffect, useState } from 'react';
import { useLocaleState } from 'react-admin';

interface Taxonomy {
  subcategories: {
    code: string;
    name: { pl: string; en: string };
    events: { code: string; name: { pl: string; en: string } }[];
  }[];
}

let loading: Promise<Taxonomy> | null = null;

/** One request per page however many lists, filters and forms ask (the taxonomy rarely changes). */
function loadTaxonomy(): Promise<Taxonomy> {
  loading ??= fetch('/api/v1/taxonomy')
    .then((response) => {
      if (!response.ok) throw new Error(`taxonomy: ${response.status}`);
      return response.json() as Promise<Taxonomy>;
    })
    .catch((error: unknown) => {
      loading = null;
      throw error;
    });
  return loading;
}

/** The events residents can report, for choosing one when classifying, in the interface's language. */
export function useTaxonomyEvents(): { id: string; name: string }[] {
  const [locale] = useLocaleState();
  const [taxonomy, setTaxonomy] = useState<Taxonomy | null>(null);
  useEffect(() => {
    let live = true;
    loadTaxonomy().then(
      (body) => live && setTaxonomy(body),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  const language = locale === 'en' ? 'en' : 'pl';
  return (taxonomy?.subcategories ?? []).flatMap((sub) =>
    sub.events.map((event) => ({ id: event.code, name: `${sub.name[language]} › ${event.name[language]}` })),
  );
}
