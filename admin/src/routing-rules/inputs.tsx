import { AutocompleteInput, useGetList, useTranslate, type AutocompleteInputProps } from 'react-admin';

/** `UD` in rules and events: the district office of the case's district, resolved at routing. */
export const DISTRICT_OFFICE = 'UD';

/** Active units, and `UD` first: where rules and events send cases. */
export const UnitOrDistrictOfficeInput = (props: Omit<AutocompleteInputProps, 'choices'>) => {
  const translate = useTranslate();
  const { data = [] } = useGetList<{ id: string; name: string }>('units', {
    pagination: { page: 1, perPage: 500 },
    sort: { field: 'code', order: 'ASC' },
    filter: { active: true },
  });
  const choices = [
    { id: DISTRICT_OFFICE, name: translate('civicflow.routing.district_office') },
    ...data.map((unit) => ({ id: unit.id, name: `${unit.id} · ${unit.name}` })),
  ];
  return <AutocompleteInput choices={choices} {...props} />;
};

/** The city's districts, as the API lists them. */
export const DistrictInput = (props: Omit<AutocompleteInputProps, 'choices'>) => {
  const { data = [] } = useGetList<{ id: string; name: string }>('districts', {
    pagination: { page: 1, perPage: 500 },
    sort: { field: 'name', order: 'ASC' },
  });
  return <AutocompleteInput choices={data} {...props} />;
};

/** Events of the taxonomy, active or not (a rule may wait for an event to be switched back on). */
export const EventInput = (props: Omit<AutocompleteInputProps, 'choices'>) => {
  const { data = [] } = useGetList<{ id: string; name: string; active: boolean }>('taxonomy-events', {
    pagination: { page: 1, perPage: 500 },
    sort: { field: 'code', order: 'ASC' },
  });
  return (
    <AutocompleteInput
      choices={data.map((event) => ({ id: event.id, name: `${event.id} · ${event.name}` }))}
      {...props}
    />
  );
};
