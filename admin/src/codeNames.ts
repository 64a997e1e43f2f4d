import { useGetList, useLocaleState, useTranslate } from 'react-admin';
import { useTaxonomy } from './cases/useTaxonomyEvents';

/** Units by code with their names in both languages; one request per page (react-query caches it). */
export function useUnitList(enabled = true): { code: string; name: string; nameEn: string }[] {
  const { data } = useGetList(
    'units',
    { pagination: { page: 1, perPage: 500 }, sort: { field: 'code', order: 'ASC' } },
    { enabled, staleTime: 5 * 60_000 },
  );
  return (data ?? []).map((unit) => ({
    code: String(unit.code),
    name: String(unit.name),
    nameEn: String(unit.nameEn ?? unit.name),
  }));
}

/**
 * What a person reads instead of the codes stored with cases, rules and policies: events, units and
 * priorities by name in the interface's language. A code nobody has named yet is shown as it is.
 */
export function useCodeNames() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const language = locale === 'en' ? 'en' : 'pl';
  const taxonomy = useTaxonomy();
  const units = useUnitList();
  const events = new Map<string, { name: { pl: string; en: string }; subcategory: string }>();
  for (const sub of taxonomy?.subcategories ?? []) {
    for (const event of sub.events)
      events.set(event.code, { name: event.name, subcategory: sub.name[language] });
  }
  const unitNames = new Map(units.map((unit) => [unit.code, language === 'en' ? unit.nameEn : unit.name]));
  return {
    /** The event's own name ("Streetlight not working"); `full` adds its subcategory. */
    event: (code: string | null | undefined, full = false) => {
      if (!code) return '';
      const event = events.get(code);
      if (!event) return code;
      return full ? `${event.subcategory} › ${event.name[language]}` : event.name[language];
    },
    /** Both names of an event, for recognising the names the seed gave policies. */
    eventNames: (code: string) => events.get(code)?.name,
    unit: (code: string | null | undefined) => (code ? (unitNames.get(code) ?? code) : ''),
    priority: (code: string | null | undefined) =>
      code ? translate(`civicflow.taxonomy.priority.${code}`, { _: code }) : '',
  };
}
