import {
  CreateButton,
  DataTable,
  ExportButton,
  List,
  SearchInput,
  TopToolbar,
  usePermissions,
  useTranslate,
} from 'react-admin';

export const SubcategoryList = () => {
  const translate = useTranslate();
  const { permissions } = usePermissions<string>();
  const canWrite = permissions === 'ADMIN';
  return (
    <List
      filters={[<SearchInput key="q" source="q" alwaysOn placeholder={translate('ra.action.search')} />]}
      sort={{ field: 'code', order: 'ASC' }}
      perPage={50}
      actions={
        <TopToolbar>
          {canWrite && <CreateButton />}
          <ExportButton />
        </TopToolbar>
      }
    >
      <DataTable rowClick={canWrite ? 'edit' : false} bulkActionButtons={false}>
        <DataTable.Col source="code" />
        <DataTable.Col source="name" />
        <DataTable.Col source="nameEn" />
        <DataTable.NumberCol source="eventCount" disableSort />
      </DataTable>
    </List>
  );
};
