import {
  BooleanField,
  BooleanInput,
  CreateButton,
  DataTable,
  DateField,
  DeleteButton,
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
import { CategoryName, canWriteKnowledge, useCategoryName } from './shared';

/** Administrators and managers keep the articles; clerks look answers up while on a call. */
export const KnowledgeArticleList = () => {
  const translate = useTranslate();
  const { permissions } = usePermissions<string>();
  const canWrite = canWriteKnowledge(permissions);
  const categoryName = useCategoryName();
  const filters = [
    <SearchInput key="q" source="q" alwaysOn placeholder={translate('ra.action.search')} />,
    <ReferenceInput
      key="categoryCode"
      source="categoryCode"
      reference="knowledge-categories"
      sort={{ field: 'position', order: 'ASC' }}
      perPage={100}
      alwaysOn
    >
      <SelectInput optionText={categoryName} />
    </ReferenceInput>,
    <BooleanInput key="published" source="published" />,
  ];
  return (
    <List
      filters={filters}
      sort={{ field: 'titlePl', order: 'ASC' }}
      perPage={50}
      actions={
        <TopToolbar>
          <FilterButton />
          {canWrite && <CreateButton />}
        </TopToolbar>
      }
    >
      <DataTable rowClick={canWrite ? 'edit' : 'show'} bulkActionButtons={false}>
        <DataTable.Col source="titlePl" />
        <DataTable.Col source="titleEn" />
        <DataTable.Col source="categoryCode">
          <ReferenceField source="categoryCode" reference="knowledge-categories" link={false}>
            <CategoryName />
          </ReferenceField>
        </DataTable.Col>
        <DataTable.Col source="published">
          <BooleanField source="published" />
        </DataTable.Col>
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
