import {
  BooleanField,
  BooleanInput,
  Create,
  DataTable,
  Edit,
  List,
  NumberInput,
  SaveButton,
  SearchInput,
  SimpleForm,
  TextInput,
  Toolbar,
  maxValue,
  minValue,
  required,
  usePermissions,
} from 'react-admin';

/** Services are switched off, not deleted: their past visits stay on record. */
const ServiceForm = ({ creating }: { creating?: boolean }) => (
  <SimpleForm
    toolbar={
      <Toolbar>
        <SaveButton />
      </Toolbar>
    }
  >
    <TextInput source="code" validate={required()} disabled={!creating} />
    <TextInput source="namePl" validate={required()} fullWidth />
    <TextInput source="nameEn" validate={required()} fullWidth />
    <NumberInput source="durationMinutes" validate={[required(), minValue(1), maxValue(480)]} />
    <BooleanInput source="active" defaultValue />
  </SimpleForm>
);

export const BookingServiceList = () => {
  const { permissions } = usePermissions<string>();
  return (
    <List filters={[<SearchInput key="q" source="q" alwaysOn />]} sort={{ field: 'namePl', order: 'ASC' }}>
      <DataTable rowClick={permissions === 'ADMIN' ? 'edit' : false} bulkActionButtons={false}>
        <DataTable.Col source="code" />
        <DataTable.Col source="namePl" />
        <DataTable.Col source="nameEn" disableSort />
        <DataTable.Col source="durationMinutes" />
        <DataTable.Col source="active" disableSort>
          <BooleanField source="active" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
};

export const BookingServiceEdit = () => (
  <Edit mutationMode="pessimistic">
    <ServiceForm />
  </Edit>
);

export const BookingServiceCreate = () => (
  <Create redirect="list">
    <ServiceForm creating />
  </Create>
);
