import { useQuery } from '@tanstack/react-query';
import { AutocompleteInput, required, useLocaleState, useTranslate } from 'react-admin';
import { useBackOfficeDataProvider } from '../dataProvider';

/** How many of the most used units get a group of their own above the rest. */
const MOST_USED = 8;

/**
 * The unit to forward a case to: every active unit, none hidden until typed. The one the routing
 * rules suggest comes first and is preselected, the units cases went to most lately next.
 */
export const ForwardUnitInput = ({ caseId }: { caseId: string }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const dataProvider = useBackOfficeDataProvider();
  const { data: targets } = useQuery({
    queryKey: ['forward-targets', caseId],
    queryFn: () => dataProvider.forwardTargets(caseId),
  });
  if (!targets) return null;
  const group = new Map<string, string>();
  let used = 0;
  for (const target of targets) {
    if (target.suggested) group.set(target.code, 'suggested');
    else if (target.forwards > 0 && used < MOST_USED) {
      used += 1;
      group.set(target.code, 'most_used');
    } else group.set(target.code, 'other');
  }
  const rank = { suggested: 0, most_used: 1, other: 2 } as const;
  const choices = [...targets]
    .sort(
      (a, b) =>
        rank[group.get(a.code) as keyof typeof rank] - rank[group.get(b.code) as keyof typeof rank] ||
        (group.get(a.code) === 'other' ? a.code.localeCompare(b.code) : 0),
    )
    .map((target) => ({
      id: target.code,
      name: locale === 'en' ? target.nameEn : target.name,
      group: translate(`civicflow.case.forward_groups.${group.get(target.code)}`),
    }));
  return (
    <AutocompleteInput
      source="unitCode"
      label="resources.cases.fields.unitCode"
      choices={choices}
      defaultValue={targets.find((target) => target.suggested)?.code}
      groupBy={(choice) => String(choice.group)}
      validate={required()}
    />
  );
};
