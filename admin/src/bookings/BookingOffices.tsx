import {
  ArrayInput,
  BooleanField,
  BooleanInput,
  Create,
  DataTable,
  DateInput,
  Edit,
  List,
  NumberInput,
  ReferenceInput,
  SearchInput,
  SelectInput,
  SimpleForm,
  SaveButton,
  SimpleFormIterator,
  TextInput,
  Toolbar,
  maxValue,
  minValue,
  regex,
  required,
  usePermissions,
  useTranslate,
} from 'react-admin';

const HH_MM = regex(/^\d{2}:\d{2}$/, 'HH:MM');
/** Inputs inside an ArrayInput would look for `fields.openingHours.weekday`: name their labels outright. */
const FIELDS = 'resources.booking-offices.fields';

/** Offices are switched off, not deleted: their past visits stay on record. */
const SaveOnly = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);

const OfficeForm = ({ creating }: { creating?: boolean }) => {
  const translate = useTranslate();
  const weekdays = [1, 2, 3, 4, 5, 6, 7].map((id) => ({
    id,
    name: translate(`civicflow.bookings.weekday.${id}`),
  }));
  return (
    <SimpleForm toolbar={<SaveOnly />}>
      <TextInput source="code" validate={required()} disabled={!creating} />
      <TextInput source="name" validate={required()} fullWidth />
      <TextInput source="address" validate={required()} fullWidth />
      <TextInput source="district" />
      <BooleanInput source="active" defaultValue />
      <BooleanInput source="observesPublicHolidays" defaultValue />
      <ArrayInput source="openingHours" label="civicflow.bookings.opening_hours">
        <SimpleFormIterator inline>
          <SelectInput
            source="weekday"
            label={`${FIELDS}.weekday`}
            choices={weekdays}
            validate={required()}
          />
          <TextInput source="start" label={`${FIELDS}.start`} validate={[required(), HH_MM]} />
          <TextInput source="end" label={`${FIELDS}.end`} validate={[required(), HH_MM]} />
        </SimpleFormIterator>
      </ArrayInput>
      <ArrayInput source="services" label="civicflow.bookings.services">
        <SimpleFormIterator inline>
          <ReferenceInput
            source="serviceId"
            reference="booking-services"
            sort={{ field: 'namePl', order: 'ASC' }}
          >
            <SelectInput optionText="namePl" label={`${FIELDS}.serviceId`} validate={required()} />
          </ReferenceInput>
          <NumberInput
            source="desks"
            label={`${FIELDS}.desks`}
            validate={[required(), minValue(1), maxValue(100)]}
          />
        </SimpleFormIterator>
      </ArrayInput>
      <ArrayInput source="blackoutDays" label="civicflow.bookings.blackout_days">
        <SimpleFormIterator inline>
          <DateInput source="date" label={`${FIELDS}.date`} validate={required()} />
          <TextInput source="reason" label={`${FIELDS}.reason`} />
        </SimpleFormIterator>
      </ArrayInput>
    </SimpleForm>
  );
};

export const BookingOfficeList = () => {
  const { permissions } = usePermissions<string>();
  return (
    <List filters={[<SearchInput key="q" source="q" alwaysOn />]} sort={{ field: 'name', order: 'ASC' }}>
      <DataTable rowClick={permissions === 'ADMIN' ? 'edit' : false} bulkActionButtons={false}>
        <DataTable.Col source="code" />
        <DataTable.Col source="name" />
        <DataTable.Col source="address" disableSort />
        <DataTable.Col source="district" disableSort />
        <DataTable.Col source="active" disableSort>
          <BooleanField source="active" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
};

export const BookingOfficeEdit = () => (
  <Edit mutationMode="pessimistic">
    <OfficeForm />
  </Edit>
);

export const BookingOfficeCreate = () => (
  <Create redirect="list">
    <OfficeForm creating />
  </Create>
);
