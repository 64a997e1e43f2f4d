import {
  BooleanField,
  BooleanInput,
  CreateButton,
  DataTable,
  DateField,
  ExportButton,
  FilterButton,
  List,
  ReferenceInput,
  AutocompleteInput,
  SearchInput,
  SelectInput,
  TopToolbar,
  usePermissions,
  useTranslate,
} from 'react-admin';
import Chip from '@mui/material/Chip';
import { useRoleChoices } from './roles';

const ListActions = ({ canWrite }: { canWrite: boolean }) => (
  <TopToolbar>
    <FilterButton />
    {canWrite && <CreateButton />}
    <ExportButton />
  </TopToolbar>
);

export const UserList = () => {
  const translate = useTranslate();
  const { permissions } = usePermissions<string>();
  const canWrite = permissions === 'ADMIN';
  const filters = [
    <SearchInput key="q" source="q" alwaysOn placeholder={translate('ra.action.search')} />,
    <SelectInput key="role" source="role" choices={useRoleChoices()} alwaysOn />,
    <ReferenceInput key="unitCode" source="unitCode" reference="units" sort={{ field: 'code', order: 'ASC' }}>
      <AutocompleteInput optionText="name" filterToQuery={(q) => ({ q })} />
    </ReferenceInput>,
    <BooleanInput key="active" source="active" />,
    <BooleanInput key="locked" source="locked" />,
  ];
  return (
    <List
      filters={filters}
      filterDefaultValues={{ active: true }}
      sort={{ field: 'username', order: 'ASC' }}
      perPage={25}
      actions={<ListActions canWrite={canWrite} />}
    >
      <DataTable rowClick={canWrite ? 'edit' : false} bulkActionButtons={false}>
        <DataTable.Col source="username" />
        <DataTable.Col source="displayName" />
        <DataTable.Col source="role" render={(record) => translate(`civicflow.users.role.${record.role}`)} />
        <DataTable.Col source="unitCode" />
        <DataTable.Col source="isSupervisor" disableSort>
          <BooleanField source="isSupervisor" />
        </DataTable.Col>
        <DataTable.Col source="email" disableSort />
        <DataTable.Col source="active">
          <BooleanField source="active" />
        </DataTable.Col>
        <DataTable.Col
          source="locked"
          disableSort
          render={(record) =>
            record.locked ? (
              <Chip size="small" color="warning" label={translate('civicflow.users.locked')} />
            ) : null
          }
        />
        <DataTable.Col source="createdAt">
          <DateField source="createdAt" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
};
