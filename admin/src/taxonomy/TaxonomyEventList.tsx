import {
  BooleanField,
  BooleanInput,
  CreateButton,
  DataTable,
  ExportButton,
  FilterButton,
  List,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  SelectInput,
  TopToolbar,
  usePermissions,
  useTranslate,
} from 'react-admin';
import { usePriorityChoices } from './priorities';

export const TaxonomyEventList = () => {
  const translate = useTranslate();
  const { permissions } = usePermissions<string>();
  const canWrite = permissions === 'ADMIN';
  const filters = [
    <SearchInput key="q" source="q" alwaysOn placeholder={translate('ra.action.search')} />,
    <ReferenceInput
      key="subcategory"
      source="subcategory"
      reference="subcategories"
      sort={{ field: 'code', order: 'ASC' }}
      alwaysOn
    >
      <SelectInput optionText="name" />
    </ReferenceInput>,
    <SelectInput key="priority" source="priority" choices={usePriorityChoices()} />,
    <BooleanInput key="active" source="active" />,
  ];
  return (
    <List
      filters={filters}
      sort={{ field: 'code', order: 'ASC' }}
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
        <DataTable.Col source="code" />
        <DataTable.Col source="name" />
        <DataTable.Col source="subcategory">
          <ReferenceField source="subcategory" reference="subcategories" link={false} />
        </DataTable.Col>
        <DataTable.Col source="defaultUnit" />
        <DataTable.Col
          source="priority"
          render={(record) => translate(`civicflow.taxonomy.priority.${record.priority}`)}
        />
        <DataTable.NumberCol source="resolutionHours" />
        <DataTable.Col source="active">
          <BooleanField source="active" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
};
