import {
  BooleanField,
  BooleanInput,
  CreateButton,
  DataTable,
  DateField,
  DeleteButton,
  FilterButton,
  List,
  SearchInput,
  SelectInput,
  TopToolbar,
  usePermissions,
  useTranslate,
} from 'react-admin';
import { useTemplateActionChoices, useTemplateLanguageChoices } from './choices';

/** Administrators and managers keep the templates; clerks and unit staff browse the active ones. */
export const ResponseTemplateList = () => {
  const translate = useTranslate();
  const { permissions } = usePermissions<string>();
  const canWrite = permissions === 'ADMIN' || permissions === 'MANAGER';
  const filters = [
    <SearchInput key="q" source="q" alwaysOn placeholder={translate('ra.action.search')} />,
    <SelectInput key="action" source="action" choices={useTemplateActionChoices()} />,
    <SelectInput key="language" source="language" choices={useTemplateLanguageChoices()} />,
    ...(canWrite ? [<BooleanInput key="active" source="active" />] : []),
  ];
  return (
    <List
      filters={filters}
      sort={{ field: 'name', order: 'ASC' }}
      perPage={50}
      actions={
        <TopToolbar>
          <FilterButton />
          {canWrite && <CreateButton />}
        </TopToolbar>
      }
    >
      <DataTable rowClick={canWrite ? 'edit' : 'show'} bulkActionButtons={false}>
        <DataTable.Col source="name" />
        <DataTable.Col
          source="action"
          render={(record) => translate(`civicflow.responseTemplates.action.${record.action}`)}
        />
        <DataTable.Col
          source="language"
          render={(record) => translate(`civicflow.responseTemplates.language.${record.language}`)}
        />
        <DataTable.Col
          source="body"
          disableSort
          render={(record) => (record.body.length > 90 ? `${record.body.slice(0, 90)}…` : record.body)}
        />
        {canWrite && (
          <DataTable.Col source="active">
            <BooleanField source="active" />
          </DataTable.Col>
        )}
        <DataTable.Col source="updatedAt">
          <DateField source="updatedAt" showTime />
        </DataTable.Col>
        {canWrite && (
          <DataTable.Col>
            <DeleteButton mutationMode="pessimistic" />
          </DataTable.Col>
        )}
      </DataTable>
    </List>
  );
};
