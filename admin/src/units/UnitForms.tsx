import {
  BooleanInput,
  Create,
  Edit,
  PasswordInput,
  SaveButton,
  SimpleForm,
  TextInput,
  Toolbar,
  email,
  maxLength,
  minLength,
  regex,
  required,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { DistrictInput } from '../routing-rules/inputs';

const CODE = /^[A-Za-z][A-Za-z0-9-]{1,63}$/;
const HTTP_URL = /^https?:\/\/\S+$/;

/** Units are deactivated, never deleted: cases, users and rules refer to them. */
const SaveOnly = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);

const UnitFields = ({ editing }: { editing: boolean }) => {
  const translate = useTranslate();
  const record = useRecordContext<{ hasWebhookSecret?: boolean }>();
  return (
    <>
      <TextInput source="name" validate={[required(), maxLength(255)]} fullWidth />
      <TextInput source="nameEn" validate={[required(), maxLength(255)]} fullWidth />
      <TextInput source="email" type="email" validate={email()} fullWidth />
      <DistrictInput source="district" helperText={translate('resources.units.helpers.district')} />
      <BooleanInput source="active" helperText={translate('resources.units.helpers.active')} />
      <TextInput
        source="webhookUrl"
        validate={regex(HTTP_URL, 'resources.units.helpers.webhookUrl')}
        helperText={translate('resources.units.helpers.webhookUrl')}
        fullWidth
      />
      {/* Write-only: the API never sends the secret back, the form only says whether one is set. */}
      <PasswordInput
        source="webhookSecret"
        validate={minLength(16)}
        autoComplete="new-password"
        helperText={translate(
          editing && record?.hasWebhookSecret
            ? 'resources.units.helpers.webhookSecretSet'
            : 'resources.units.helpers.webhookSecret',
        )}
        fullWidth
      />
      {editing && record?.hasWebhookSecret && <BooleanInput source="clearWebhookSecret" />}
    </>
  );
};

export const UnitCreate = () => {
  const translate = useTranslate();
  return (
    <Create redirect="list">
      <SimpleForm defaultValues={{ active: true }}>
        <TextInput
          source="code"
          validate={[required(), regex(CODE, 'ra.validation.regex')]}
          helperText={translate('resources.units.helpers.code')}
        />
        <UnitFields editing={false} />
      </SimpleForm>
    </Create>
  );
};

export const UnitEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list">
    <SimpleForm toolbar={<SaveOnly />}>
      <TextInput source="code" disabled />
      <UnitFields editing />
    </SimpleForm>
  </Edit>
);
