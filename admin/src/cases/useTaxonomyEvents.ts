import { useQuery } from '@tanstack/react-query';
import { useLocaleState } from 'react-admin';
import { useBackOfficeDataProvider } from '../dataProvider';
import type { Taxonomy } from '../referenceData';

/** One request per page however many lists, filters and forms ask (the taxonomy rarely changes). */
export function useTaxonomy(): Taxonomy | undefined {
  const dataProvider = useBackOfficeDataProvider();
  const { data } = useQuery({
    queryKey: ['taxonomy'],
    queryFn: () => dataProvider.taxonomy(),
    staleTime: Infinity,
    gcTime: Infinity,
  });
  return data;
}

/** The events residents can report, for choosing one when classifying, in the interface's language. */
export function useTaxonomyEvents(): { id: string; name: string }[] {
  const [locale] = useLocaleState();
  const taxonomy = useTaxonomy();
  const language = locale === 'en' ? 'en' : 'pl';
  return (taxonomy?.subcategories ?? []).flatMap((sub) =>
    sub.events.map((event) => ({ id: event.code, name: `${sub.name[language]} › ${event.name[language]}` })),
  );
}
