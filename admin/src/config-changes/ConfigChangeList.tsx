import {
  DataTable,
  DateField,
  DateInput,
  FilterButton,
  List,
  SelectInput,
  TextInput,
  TopToolbar,
  useTranslate,
} from 'react-admin';
import { ChangedFields } from './ChangedFields';
import { configChangesMessages } from './messages';

const RESOURCES = Object.keys(configChangesMessages.en.civicflow.config_changes.resource);

const ConfigChangeActions = () => (
  <TopToolbar>
    <FilterButton />
  </TopToolbar>
);

/** Who changed the city's configuration, when and what: newest first, read-only. */
export const ConfigChangeList = () => {
  const translate = useTranslate();
  const resourceLabel = (resource: string) =>
    translate(`civicflow.config_changes.resource.${resource}`, { _: resource });
  const actionLabel = (action: string) =>
    translate(`civicflow.config_changes.action.${action}`, { _: action });
  const filters = [
    <SelectInput
      key="resource"
      source="resource"
      alwaysOn
      choices={RESOURCES.map((id) => ({ id, name: resourceLabel(id) }))}
    />,
    <TextInput
      key="actor"
      source="actor"
      alwaysOn
      placeholder={translate('civicflow.config_changes.actor_hint')}
    />,
    <DateInput key="from" source="from" alwaysOn />,
    <DateInput key="to" source="to" alwaysOn />,
    <TextInput
      key="recordId"
      source="recordId"
      placeholder={translate('civicflow.config_changes.record_hint')}
    />,
  ];
  return (
    <List
      resource="config-changes"
      title="civicflow.config_changes.title"
      sort={{ field: 'id', order: 'DESC' }}
      perPage={25}
      filters={filters}
      actions={<ConfigChangeActions />}
      exporter={false}
    >
      <DataTable bulkActionButtons={false} rowClick={false}>
        <DataTable.Col source="createdAt">
          <DateField source="createdAt" showTime />
        </DataTable.Col>
        <DataTable.Col source="actor" disableSort />
        <DataTable.Col source="resource" disableSort render={(record) => resourceLabel(record.resource)} />
        <DataTable.Col source="recordId" disableSort />
        <DataTable.Col source="action" disableSort render={(record) => actionLabel(record.action)} />
        <DataTable.Col
          source="changes"
          disableSort
          render={(record) => <ChangedFields changes={record.changes} />}
        />
      </DataTable>
    </List>
  );
};
