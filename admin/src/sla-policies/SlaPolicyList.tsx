import {
  BooleanField,
  BooleanInput,
  CreateButton,
  DataTable,
  ExportButton,
  FilterButton,
  List,
  SearchInput,
  SelectInput,
  TopToolbar,
  usePermissions,
  useTranslate,
  type RaRecord,
} from 'react-admin';
import { useCodeNames } from '../codeNames';
import { EventInput } from '../routing-rules/inputs';
import { usePriorityChoices } from '../taxonomy/priorities';
import { useCalendarChoices } from './calendars';
import { usePolicyDuration } from './durations';

export const SlaPolicyList = () => {
  const translate = useTranslate();
  const names = useCodeNames();
  const duration = usePolicyDuration();
  /** The seed names policies after their event ("Streetlight not working") or "Default (normal)". */
  const policyName = (record: RaRecord) => {
    const event = record.eventCode ? names.eventNames(record.eventCode) : undefined;
    if (event && (record.name === event.en || record.name === event.pl)) return names.event(record.eventCode);
    if (!record.eventCode && record.name === `Default (${record.priority})`) {
      return translate('civicflow.sla.scope.default', { priority: names.priority(record.priority) });
    }
    return record.name;
  };
  const { permissions } = usePermissions<string>();
  const canWrite = permissions === 'ADMIN';
  const filters = [
    <SearchInput key="q" source="q" alwaysOn placeholder={translate('ra.action.search')} />,
    <EventInput key="eventCode" source="eventCode" />,
    <SelectInput key="priority" source="priority" choices={usePriorityChoices()} />,
    <SelectInput key="calendar" source="calendar" choices={useCalendarChoices()} />,
    <BooleanInput key="isDefault" source="isDefault" />,
    <BooleanInput key="active" source="active" />,
  ];
  return (
    <List
      filters={filters}
      filterDefaultValues={{ active: true }}
      sort={{ field: 'id', order: 'ASC' }}
      perPage={50}
      actions={
        <TopToolbar>
          <FilterButton />
          {canWrite && <CreateButton />}
          <ExportButton />
        </TopToolbar>
      }
    >
      <DataTable rowClick={canWrite ? 'edit' : false} bulkActionButtons={false}>
        <DataTable.NumberCol source="id" />
        <DataTable.Col source="name" render={policyName} />
        <DataTable.Col
          source="scope"
          disableSort
          render={(record) =>
            record.eventCode
              ? translate('civicflow.sla.scope.event', { event: names.event(record.eventCode, true) })
              : translate('civicflow.sla.scope.default', {
                  priority: names.priority(record.priority),
                })
          }
        />
        <DataTable.Col
          source="firstResponseMinutes"
          disableSort
          render={(record) => duration(record.firstResponseMinutes, record.calendar)}
        />
        <DataTable.Col
          source="resolutionMinutes"
          render={(record) => duration(record.resolutionMinutes, record.calendar)}
        />
        <DataTable.Col
          source="calendar"
          render={(record) => translate(`civicflow.sla.calendar_short.${record.calendar}`)}
        />
        <DataTable.NumberCol source="warnAtPercent" disableSort />
        <DataTable.Col
          source="escalationPercents"
          disableSort
          render={(record) => (record.escalationPercents as number[]).join(', ')}
        />
        <DataTable.Col source="active">
          <BooleanField source="active" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
};
