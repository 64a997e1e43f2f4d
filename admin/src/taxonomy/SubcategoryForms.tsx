import { Create, Edit, SimpleForm, TextInput, maxLength, regex, required, useTranslate } from 'react-admin';

const CODE = /^[A-Za-z][A-Za-z0-9_]{1,63}$/;

const NameInputs = () => (
  <>
    <TextInput source="name" validate={[required(), maxLength(255)]} fullWidth />
    <TextInput source="nameEn" validate={[required(), maxLength(255)]} fullWidth />
  </>
);

export const SubcategoryCreate = () => {
  const translate = useTranslate();
  return (
    <Create redirect="list">
      <SimpleForm>
        <TextInput
          source="code"
          validate={[required(), regex(CODE, 'ra.validation.regex')]}
          helperText={translate('civicflow.taxonomy.code_help')}
        />
        <NameInputs />
      </SimpleForm>
    </Create>
  );
};

export const SubcategoryEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list">
    <SimpleForm>
      <TextInput source="code" disabled />
      <NameInputs />
    </SimpleForm>
  </Edit>
);
