import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import BoltIcon from '@mui/icons-material/Bolt';
import {
  AutocompleteInput,
  BooleanInput,
  DateInput,
  FilterList,
  FilterListItem,
  ReferenceInput,
  SavedQueriesList,
  SearchInput,
  SelectArrayInput,
  SelectInput,
  useTranslate,
} from 'react-admin';
import { CASE_KINDS, CASE_STATUSES, CHANNELS, SLA_STATES } from '../../../domain/cases/case-states';
import type { SessionUser } from '../session';
import { quickFilters } from './quickFilters';
import { useBackOfficeSettings } from './useBackOfficeSettings';
import { useTaxonomyEvents } from './useTaxonomyEvents';

type Role = SessionUser['role'];

/** What a unit still has to do: the statuses of its queue. */
export const UNIT_QUEUE_STATUSES = ['FORWARDED', 'IN_PROGRESS', 'WAITING_FOR_RESIDENT'] as const;

/** The list a role opens with: the unit's queue by urgency, or the clerks' inbox newest first. */
export function defaultListView(
  role: Role | undefined,
  unitCode: string | null,
): { filter: Record<string, unknown>; sort: { field: string; order: 'ASC' | 'DESC' } } {
  if (role === 'UNIT_STAFF' && unitCode) {
    return {
      filter: { unitCode, status: [...UNIT_QUEUE_STATUSES] },
      sort: { field: 'urgency', order: 'ASC' },
    };
  }
  if (role === 'CLERK' || role === 'ADMIN') {
    return { filter: { status: ['TRIAGE', 'NEW'] }, sort: { field: 'createdAt', order: 'DESC' } };
  }
  return { filter: {}, sort: { field: 'createdAt', order: 'DESC' } };
}

const useChoices = (prefix: string, ids: readonly string[]) => {
  const translate = useTranslate();
  return ids.map((id) => ({ id, name: translate(`civicflow.${prefix}.${id}`) }));
};

/** The filter form of the case list; every input maps to a filter of GET /api/cases. */
export function useCaseFilters() {
  const translate = useTranslate();
  const events = useTaxonomyEvents();
  const settings = useBackOfficeSettings();
  const statuses = useChoices('status', CASE_STATUSES);
  const kinds = useChoices('kind', CASE_KINDS);
  const channels = useChoices('channel', CHANNELS);
  const slaStates = useChoices('case.sla_state', SLA_STATES);
  return [
    <SearchInput key="q" source="q" alwaysOn placeholder={translate('civicflow.case.search')} />,
    <SelectArrayInput key="status" source="status" choices={statuses} />,
    <SelectInput key="kind" source="kind" choices={kinds} />,
    <AutocompleteInput key="eventCode" source="eventCode" choices={events} />,
    <ReferenceInput
      key="unitCode"
      source="unitCode"
      reference="units"
      sort={{ field: 'code', order: 'ASC' }}
      perPage={100}
    >
      <AutocompleteInput label="resources.cases.fields.unitCode" optionText="name" />
    </ReferenceInput>,
    <AutocompleteInput
      key="district"
      source="district"
      choices={(settings?.districts ?? []).map((name) => ({ id: name, name }))}
    />,
    <SelectInput key="channel" source="channel" choices={channels} />,
    <SelectInput key="slaState" source="slaState" choices={slaStates} />,
    <SelectInput
      key="escalationLevel_gte"
      source="escalationLevel_gte"
      choices={[1, 2, 3].map((level) => ({
        id: level,
        name: translate('civicflow.case.escalation_at_least', { level }),
      }))}
    />,
    <DateInput key="createdAt_gte" source="createdAt_gte" />,
    <DateInput key="createdAt_lte" source="createdAt_lte" />,
    <BooleanInput key="overdue" source="overdue" />,
  ];
}

/** A quick filter replaces the list's filters, so two of them never mix into an empty list. */
const replaceFilters = (value: Record<string, unknown>, filters: Record<string, unknown>) =>
  isQuickFilterSelected(value, filters) ? {} : value;

function isQuickFilterSelected(value: Record<string, unknown>, filters: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  return (
    keys.length === Object.keys(filters).length &&
    keys.every((key) => JSON.stringify(value[key]) === JSON.stringify(filters[key]))
  );
}

/** The sidebar: predefined filters for the user's role, then the user's own saved queries. */
export const CaseFilterSidebar = ({
  role,
  unitCode,
}: {
  role: Role | undefined;
  unitCode: string | null;
}) => {
  const quick = quickFilters(role, unitCode);
  return (
    <Card sx={{ order: -1, mr: 2, mt: 8, width: 250, flexShrink: 0, display: { xs: 'none', md: 'block' } }}>
      <CardContent>
        <FilterList label="civicflow.case.quick.label" icon={<BoltIcon />}>
          {quick.map(({ label, value }) => (
            <FilterListItem
              key={label}
              label={`civicflow.case.quick.${label}`}
              value={value}
              isSelected={isQuickFilterSelected}
              toggleFilter={replaceFilters}
              data-quick-filter={label}
            />
          ))}
        </FilterList>
        <SavedQueriesList />
      </CardContent>
    </Card>
  );
};
