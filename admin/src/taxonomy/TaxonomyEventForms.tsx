import {
  BooleanInput,
  Create,
  Edit,
  NumberInput,
  ReferenceInput,
  SelectInput,
  SimpleForm,
  TextInput,
  maxLength,
  maxValue,
  minValue,
  number,
  regex,
  required,
  useTranslate,
} from 'react-admin';
import { UnitOrDistrictOfficeInput } from '../routing-rules/inputs';
import { usePriorityChoices } from './priorities';

const CODE = /^[A-Za-z][A-Za-z0-9_]{1,63}$/;

const EventFields = () => {
  const translate = useTranslate();
  return (
    <>
      <ReferenceInput source="subcategory" reference="subcategories" sort={{ field: 'code', order: 'ASC' }}>
        <SelectInput optionText="name" validate={required()} />
      </ReferenceInput>
      <TextInput source="name" validate={[required(), maxLength(255)]} fullWidth />
      <TextInput source="nameEn" validate={[required(), maxLength(255)]} fullWidth />
      <UnitOrDistrictOfficeInput
        source="defaultUnit"
        validate={required()}
        helperText={translate('civicflow.taxonomy.default_unit_help')}
        fullWidth
      />
      <SelectInput source="priority" choices={usePriorityChoices()} validate={required()} />
      <NumberInput
        source="resolutionHours"
        step={1}
        validate={[required(), number(), minValue(1), maxValue(8760)]}
        helperText={translate('civicflow.taxonomy.resolution_help')}
      />
      <BooleanInput
        source="requiresDescription"
        helperText={translate('civicflow.taxonomy.requires_description_help')}
      />
      <BooleanInput
        source="allowsAnonymous"
        helperText={translate('civicflow.taxonomy.allows_anonymous_help')}
      />
      <BooleanInput source="active" helperText={translate('civicflow.taxonomy.active_help')} />
    </>
  );
};

export const TaxonomyEventCreate = () => {
  const translate = useTranslate();
  return (
    <Create redirect="list">
      <SimpleForm
        defaultValues={{
          priority: 'normal',
          requiresDescription: false,
          allowsAnonymous: true,
          active: true,
        }}
      >
        <TextInput
          source="code"
          validate={[required(), regex(CODE, 'ra.validation.regex')]}
          helperText={translate('civicflow.taxonomy.code_help')}
        />
        <EventFields />
      </SimpleForm>
    </Create>
  );
};

export const TaxonomyEventEdit = () => (
  // Pessimistic, also for deleting: an event in use is refused (409) with the reason shown.
  <Edit mutationMode="pessimistic" redirect="list">
    <SimpleForm>
      <TextInput source="code" disabled />
      <EventFields />
    </SimpleForm>
  </Edit>
);
