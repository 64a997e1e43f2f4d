import {
  BooleanField,
  BooleanInput,
  CreateButton,
  DataTable,
  ExportButton,
  FilterButton,
  List,
  SearchInput,
  TopToolbar,
  usePermissions,
  useTranslate,
} from 'react-admin';
import { DistrictInput } from '../routing-rules/inputs';

export const UnitList = () => {
  const translate = useTranslate();
  const { permissions } = usePermissions<string>();
  const canWrite = permissions === 'ADMIN';
  const filters = [
    <SearchInput key="q" source="q" alwaysOn placeholder={translate('ra.action.search')} />,
    <DistrictInput key="district" source="district" />,
    <BooleanInput key="active" source="active" />,
    <BooleanInput key="hasConnector" source="hasConnector" />,
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
        <DataTable.Col source="district" />
        <DataTable.Col source="email" disableSort />
        <DataTable.Col source="hasConnector" disableSort>
          <BooleanField source="hasConnector" />
        </DataTable.Col>
        <DataTable.Col source="active">
          <BooleanField source="active" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
};
