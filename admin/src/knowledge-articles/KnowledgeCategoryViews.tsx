import {
  Create,
  CreateButton,
  DataTable,
  DeleteButton,
  Edit,
  List,
  NumberInput,
  SimpleForm,
  TextInput,
  TopToolbar,
  maxLength,
  minLength,
  regex,
  required,
  usePermissions,
  useTranslate,
} from 'react-admin';
import { canWriteKnowledge } from './shared';

const CODE = /^[A-Z][A-Z0-9_]{1,39}$/;

export const KnowledgeCategoryList = () => {
  const { permissions } = usePermissions<string>();
  const canWrite = canWriteKnowledge(permissions);
  return (
    <List
      sort={{ field: 'position', order: 'ASC' }}
      perPage={50}
      actions={<TopToolbar>{canWrite && <CreateButton />}</TopToolbar>}
    >
      <DataTable rowClick={canWrite ? 'edit' : false} bulkActionButtons={false}>
        <DataTable.Col source="position" />
        <DataTable.Col source="code" />
        <DataTable.Col source="namePl" />
        <DataTable.Col source="nameEn" />
        <DataTable.Col source="articles" disableSort />
        {canWrite && (
          <DataTable.Col>
            <DeleteButton mutationMode="pessimistic" />
          </DataTable.Col>
        )}
      </DataTable>
    </List>
  );
};

const CategoryFields = ({ creating = false }: { creating?: boolean }) => {
  const translate = useTranslate();
  return (
    <>
      <TextInput
        source="code"
        disabled={!creating}
        validate={[required(), regex(CODE, 'ra.validation.regex')]}
      />
      <TextInput source="namePl" validate={[required(), minLength(2), maxLength(200)]} fullWidth />
      <TextInput source="nameEn" validate={[required(), minLength(2), maxLength(200)]} fullWidth />
      <NumberInput
        source="position"
        min={0}
        max={10000}
        helperText={translate('civicflow.knowledgeCategories.position_help')}
      />
    </>
  );
};

export const KnowledgeCategoryCreate = () => (
  <Create redirect="list">
    <SimpleForm defaultValues={{ position: 0 }}>
      <CategoryFields creating />
    </SimpleForm>
  </Create>
);

export const KnowledgeCategoryEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list">
    <SimpleForm>
      <CategoryFields />
    </SimpleForm>
  </Edit>
);
