import Alert from '@mui/material/Alert';
import Typography from '@mui/material/Typography';
import {
  AutocompleteArrayInput,
  BooleanInput,
  Create,
  DateTimeInput,
  Edit,
  SelectInput,
  SimpleForm,
  TextInput,
  maxLength,
  required,
  useGetList,
  useTranslate,
} from 'react-admin';
import { useKindChoices } from './choices';

/** The date-time input gives local wall-clock text; the API wants an instant. */
const toInstant = (value: string | null) => (value ? new Date(value).toISOString() : null);

interface AnnouncementValues {
  validFrom?: string | null;
  validTo?: string | null;
}

/** The same rule the API and the database hold, so the form says it before saving. */
const validityOrder = (values: AnnouncementValues) =>
  values.validFrom && values.validTo && new Date(values.validTo) <= new Date(values.validFrom)
    ? { validTo: 'civicflow.announcements.valid_to_order' }
    : {};

const DistrictsInput = () => {
  const translate = useTranslate();
  const { data = [] } = useGetList<{ id: string; name: string }>('districts', {
    pagination: { page: 1, perPage: 500 },
    sort: { field: 'name', order: 'ASC' },
  });
  return (
    <AutocompleteArrayInput
      source="districts"
      choices={data}
      helperText={translate('civicflow.announcements.districts_help')}
      fullWidth
    />
  );
};

const AnnouncementFields = () => {
  const translate = useTranslate();
  return (
    <>
      <Alert severity="info" sx={{ mb: 2 }}>
        {translate('civicflow.announcements.feed_help')}
      </Alert>
      <SelectInput source="kind" choices={useKindChoices()} validate={required()} />
      <Typography variant="subtitle1" component="h2">
        {translate('civicflow.announcements.polish')}
      </Typography>
      <TextInput source="title.pl" validate={[required(), maxLength(200)]} fullWidth />
      <TextInput source="body.pl" validate={[required(), maxLength(4000)]} multiline minRows={5} fullWidth />
      <Typography variant="subtitle1" component="h2">
        {translate('civicflow.announcements.english')}
      </Typography>
      <TextInput source="title.en" validate={[required(), maxLength(200)]} fullWidth />
      <TextInput source="body.en" validate={[required(), maxLength(4000)]} multiline minRows={5} fullWidth />
      <DistrictsInput />
      <DateTimeInput source="validFrom" parse={toInstant} validate={required()} />
      <DateTimeInput
        source="validTo"
        parse={toInstant}
        helperText={translate('civicflow.announcements.valid_to_help')}
      />
      <BooleanInput source="published" helperText={translate('civicflow.announcements.published_help')} />
    </>
  );
};

export const AnnouncementCreate = () => (
  <Create redirect="list">
    <SimpleForm
      // The contact center posts an outage the moment it hears of it: published, from now on.
      defaultValues={() => ({
        kind: 'NEWS',
        districts: [],
        validFrom: new Date().toISOString(),
        validTo: null,
        published: true,
      })}
      validate={validityOrder}
    >
      <AnnouncementFields />
    </SimpleForm>
  </Create>
);

export const AnnouncementEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list">
    <SimpleForm validate={validityOrder}>
      <AnnouncementFields />
    </SimpleForm>
  </Edit>
);
