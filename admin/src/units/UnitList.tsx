import { BooleanField, DataTable, List, SearchInput, useTranslate } from 'react-admin';

export const UnitList = () => {
  const translate = useTranslate();
  return (
    <List
      filters={[<SearchInput key="q" source="q" alwaysOn placeholder={translate('ra.action.search')} />]}
      sort={{ field: 'code', order: 'ASC' }}
      perPage={50}
    >
      <DataTable rowClick={false}>
        <DataTable.Col source="code" />
        <DataTable.Col source="name" />
        <DataTable.Col source="district" />
        <DataTable.Col source="email" />
        <DataTable.Col source="hasConnector">
          <BooleanField source="hasConnector" />
        </DataTable.Col>
        <DataTable.Col source="active">
          <BooleanField source="active" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
};
