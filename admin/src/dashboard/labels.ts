import { useLocaleState, useTranslate } from 'react-admin';
import { useUnitList } from '../codeNames';
import { useTaxonomyEvents } from '../cases/useTaxonomyEvents';

export type Dimension = 'channel' | 'kind' | 'district' | 'event' | 'unit';

/** A dimension's values as people read them: translated channels and kinds, event names; units by code. */
export function useKeyLabel(dimension: Dimension): (key: string | null) => string {
  const translate = useTranslate();
  const events = useTaxonomyEvents();
  return (key) => {
    if (key === null) return translate('civicflow.dashboard.none');
    switch (dimension) {
      case 'channel':
      case 'kind':
        return translate(`civicflow.${dimension}.${key}`, { _: key });
      case 'event':
        // "Subcategory › Event": the event's own name is enough on a chart's axis.
        return (
          events
            .find((event) => event.id === key)
            ?.name.split(' › ')
            .pop() ?? key
        );
      default:
        return key;
    }
  };
}

/** Unit names by code, in the interface's language. */
export function useUnitNames(enabled = true): Map<string, string> {
  const [locale] = useLocaleState();
  return new Map(useUnitList(enabled).map((unit) => [unit.code, locale === 'en' ? unit.nameEn : unit.name]));
}
