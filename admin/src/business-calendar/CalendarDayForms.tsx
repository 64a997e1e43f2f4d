import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import {
  Create,
  DateInput,
  Edit,
  FormDataConsumer,
  SelectInput,
  SimpleForm,
  TextInput,
  maxLength,
  regex,
  required,
  useTranslate,
} from 'react-admin';
import { useDayKindChoices } from './dayKinds';

const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

const DayFields = () => {
  const translate = useTranslate();
  const timeValidators = [required(), regex(TIME, 'civicflow.businessCalendar.time_invalid')];
  return (
    <>
      <Alert severity="info" sx={{ mb: 2 }}>
        {translate('civicflow.businessCalendar.applies_to_new')}
      </Alert>
      <DateInput source="date" validate={required()} />
      <SelectInput
        source="kind"
        choices={useDayKindChoices()}
        validate={required()}
        helperText={translate('civicflow.businessCalendar.kind_help')}
      />
      <TextInput
        source="name"
        validate={[required(), maxLength(200)]}
        helperText={translate('civicflow.businessCalendar.name_help')}
        fullWidth
      />
      <FormDataConsumer<{ kind?: string }>>
        {({ formData }) =>
          formData.kind === 'OPEN' && (
            <Stack direction="row" spacing={2}>
              <TextInput source="opens" placeholder="HH:MM" validate={timeValidators} />
              <TextInput source="closes" placeholder="HH:MM" validate={timeValidators} />
            </Stack>
          )
        }
      </FormDataConsumer>
    </>
  );
};

/** A closed day has no hours: times typed before switching the kind are not sent. */
const withoutHoursWhenClosed = (data: Record<string, unknown>) =>
  data.kind === 'OPEN' ? data : { ...data, opens: null, closes: null };

export const CalendarDayCreate = () => (
  <Create redirect="list" transform={withoutHoursWhenClosed}>
    <SimpleForm defaultValues={{ kind: 'CLOSED', opens: '08:00', closes: '16:00' }}>
      <DayFields />
    </SimpleForm>
  </Create>
);

export const CalendarDayEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list" transform={withoutHoursWhenClosed}>
    <SimpleForm>
      <DayFields />
    </SimpleForm>
  </Edit>
);
