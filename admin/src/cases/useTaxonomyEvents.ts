import { useEffect, useState } from 'react';
import { useLocaleState } from 'react-admin';

interface Taxonomy {
  subcategories: {
    code: string;
    name: { pl: string; en: string };
    events: { code: string; name: { pl: string; en: string } }[];
  }[];
}

/** The events residents can report, for choosing one when classifying, in the interface's language. */
export function useTaxonomyEvents(): { id: string; name: string }[] {
  const [locale] = useLocaleState();
  const [taxonomy, setTaxonomy] = useState<Taxonomy | null>(null);
  useEffect(() => {
    let live = true;
    void fetch('/api/v1/taxonomy')
      .then((response) => response.json() as Promise<Taxonomy>)
      .then((body) => live && setTaxonomy(body));
    return () => {
      live = false;
    };
  }, []);
  const language = locale === 'en' ? 'en' : 'pl';
  return (taxonomy?.subcategories ?? []).flatMap((sub) =>
    sub.events.map((event) => ({ id: event.code, name: `${sub.name[language]} › ${event.name[language]}` })),
  );
}
