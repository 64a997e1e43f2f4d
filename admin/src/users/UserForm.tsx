import {
  AutocompleteInput,
  BooleanInput,
  ReferenceInput,
  SelectInput,
  TextInput,
  email,
  maxLength,
  regex,
  required,
  useTranslate,
} from 'react-admin';
import { useWatch } from 'react-hook-form';
import { useRoleChoices } from './roles';

const USERNAME = /^[a-zA-Z0-9][a-zA-Z0-9._-]{2,63}$/;

const requiredForUnitStaff = (value: unknown, values: { role?: string }) =>
  values.role === 'UNIT_STAFF' && !value ? 'ra.validation.required' : undefined;

/** Only unit staff belong to a unit or supervise; the API refuses the fields for anyone else. */
export const withoutUnitUnlessStaff = <
  T extends { role?: string; unitCode?: unknown; isSupervisor?: unknown },
>(
  data: T,
): T => (data.role === 'UNIT_STAFF' ? data : { ...data, unitCode: null, isSupervisor: false });

export const UsernameInput = ({ disabled }: { disabled?: boolean }) => {
  const translate = useTranslate();
  return (
    <TextInput
      source="username"
      disabled={disabled}
      validate={disabled ? undefined : [required(), regex(USERNAME, 'ra.validation.regex')]}
      helperText={translate('civicflow.users.username_help')}
      autoComplete="off"
    />
  );
};

/** Name, role, unit and contact of an account: the part creating and editing share. */
export const UserFields = ({ self = false }: { self?: boolean }) => {
  const translate = useTranslate();
  const role = useWatch<{ role?: string }>({ name: 'role' });
  return (
    <>
      <TextInput source="displayName" validate={[required(), maxLength(200)]} fullWidth />
      <TextInput source="email" type="email" validate={email()} fullWidth />
      <SelectInput
        source="role"
        choices={useRoleChoices()}
        validate={required()}
        disabled={self}
        helperText={self ? translate('civicflow.users.self_help') : false}
      />
      {role === 'UNIT_STAFF' && (
        <>
          <ReferenceInput
            source="unitCode"
            reference="units"
            filter={{ active: true }}
            sort={{ field: 'code', order: 'ASC' }}
            perPage={100}
          >
            <AutocompleteInput
              optionText="name"
              filterToQuery={(q) => ({ q })}
              validate={requiredForUnitStaff}
              helperText={translate('civicflow.users.unit_help')}
            />
          </ReferenceInput>
          <BooleanInput source="isSupervisor" helperText={translate('civicflow.users.supervisor_help')} />
        </>
      )}
    </>
  );
};
