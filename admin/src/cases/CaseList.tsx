import { DataTable, DateField, List, SearchInput, SelectInput, useTranslate } from 'react-admin';
import { CASE_KINDS, CASE_STATUSES } from '../../../domain/cases/case-states';

const useChoices = (prefix: string, ids: readonly string[]) => {
  const translate = useTranslate();
  return ids.map((id) => ({ id, name: translate(`civicflow.${prefix}.${id}`) }));
};

export const CaseList = () => {
  const translate = useTranslate();
  const filters = [
    <SearchInput key="q" source="q" alwaysOn placeholder={translate('civicflow.case.search')} />,
    <SelectInput key="status" source="status" choices={useChoices('status', CASE_STATUSES)} />,
    <SelectInput key="kind" source="kind" choices={useChoices('kind', CASE_KINDS)} />,
  ];
  return (
    <List filters={filters} sort={{ field: 'createdAt', order: 'DESC' }} perPage={25}>
      <DataTable rowClick="show">
        <DataTable.Col source="number" />
        <DataTable.Col source="kind" render={(record) => translate(`civicflow.kind.${record.kind}`)} />
        <DataTable.Col source="status" render={(record) => translate(`civicflow.status.${record.status}`)} />
        <DataTable.Col source="eventCode" />
        <DataTable.Col source="unitCode" />
        <DataTable.Col source="district" />
        <DataTable.Col
          source="channel"
          render={(record) => translate(`civicflow.channel.${record.channel}`)}
        />
        <DataTable.Col source="createdAt">
          <DateField source="createdAt" showTime />
        </DataTable.Col>
      </DataTable>
    </List>
  );
};
