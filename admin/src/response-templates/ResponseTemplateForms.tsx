import Alert from '@mui/material/Alert';
import {
  BooleanInput,
  Create,
  Edit,
  FunctionField,
  SelectInput,
  Show,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  maxLength,
  minLength,
  required,
  useTranslate,
} from 'react-admin';
import {
  TEMPLATE_PLACEHOLDERS,
  unknownPlaceholders,
} from '../../../api/back-office/response-templates/template-placeholders';
import { useTemplateActionChoices, useTemplateLanguageChoices } from './choices';

const placeholderList = TEMPLATE_PLACEHOLDERS.map((name) => `{{${name}}}`).join(', ');

/** The same check the server makes, so a typo shows before saving. */
const knownPlaceholders = (body: unknown) =>
  typeof body === 'string' && unknownPlaceholders(body).length
    ? {
        message: 'civicflow.responseTemplates.unknown_placeholders',
        args: {
          names: unknownPlaceholders(body)
            .map((name) => `{{${name}}}`)
            .join(', '),
          known: placeholderList,
        },
      }
    : undefined;

const TemplateFields = () => {
  const translate = useTranslate();
  return (
    <>
      <TextInput source="name" validate={[required(), minLength(2), maxLength(200)]} fullWidth />
      <SelectInput
        source="action"
        choices={useTemplateActionChoices()}
        validate={required()}
        helperText={translate('civicflow.responseTemplates.action_help')}
      />
      <SelectInput source="language" choices={useTemplateLanguageChoices()} validate={required()} />
      <Alert severity="info" sx={{ mb: 1 }}>
        {translate('civicflow.responseTemplates.placeholders_help', { placeholders: placeholderList })}
      </Alert>
      <TextInput
        source="body"
        multiline
        minRows={8}
        fullWidth
        validate={[required(), maxLength(4000), knownPlaceholders]}
      />
      <BooleanInput source="active" helperText={translate('civicflow.responseTemplates.active_help')} />
    </>
  );
};

export const ResponseTemplateCreate = () => (
  <Create redirect="list">
    <SimpleForm defaultValues={{ action: 'any', language: 'pl', active: true }}>
      <TemplateFields />
    </SimpleForm>
  </Create>
);

export const ResponseTemplateEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list">
    <SimpleForm>
      <TemplateFields />
    </SimpleForm>
  </Edit>
);

/** What clerks and unit staff see of a template: they use templates, they do not change them. */
export const ResponseTemplateShow = () => {
  const translate = useTranslate();
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="name" />
        <FunctionField
          source="action"
          render={(record) => translate(`civicflow.responseTemplates.action.${record.action}`)}
        />
        <FunctionField
          source="language"
          render={(record) => translate(`civicflow.responseTemplates.language.${record.language}`)}
        />
        <TextField source="body" sx={{ whiteSpace: 'pre-wrap' }} />
      </SimpleShowLayout>
    </Show>
  );
};
