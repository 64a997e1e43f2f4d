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
} from 'react-admin';
import { EventInput } from '../routing-rules/inputs';
import { usePriorityChoices } from '../taxonomy/priorities';
import { useCalendarChoices } from './calendars';

export const SlaPolicyList = () => {
  const translate = useTranslate();
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
        <DataTable.Col source="name" />
        <DataTable.Col
          source="scope"
          disableSort
          render={(record) =>
            record.eventCode
              ? translate('civicflow.sla.scope.event', { event: record.eventCode })
              : translate('civicflow.sla.scope.default', {
                  priority: translate(`civicflow.taxonomy.priority.${record.priority}`),
                })
          }
        />
        <DataTable.NumberCol source="firstResponseMinutes" disableSort />
        <DataTable.NumberCol source="resolutionMinutes" />
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
