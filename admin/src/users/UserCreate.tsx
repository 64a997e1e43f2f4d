import {
  BooleanInput,
  Create,
  PasswordInput,
  SimpleForm,
  minLength,
  required,
  useTranslate,
} from 'react-admin';
import { PASSWORD_MIN_LENGTH } from './userActions';
import { UserFields, UsernameInput, withoutUnitUnlessStaff } from './UserForm';

export const UserCreate = () => {
  const translate = useTranslate();
  return (
    <Create redirect="list" transform={withoutUnitUnlessStaff}>
      <SimpleForm defaultValues={{ role: 'CLERK', active: true, isSupervisor: false }}>
        <UsernameInput />
        <UserFields />
        <PasswordInput
          source="password"
          validate={[required(), minLength(PASSWORD_MIN_LENGTH)]}
          helperText={translate('civicflow.users.password_help', { min: PASSWORD_MIN_LENGTH })}
          autoComplete="new-password"
        />
        <BooleanInput source="active" helperText={translate('civicflow.users.active_help')} />
      </SimpleForm>
    </Create>
  );
};
