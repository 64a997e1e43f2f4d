import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import CardContent from '@mui/material/CardContent';
import CircularProgress from '@mui/material/CircularProgress';
import {
  Form,
  Login,
  PasswordInput,
  TextInput,
  minLength,
  required,
  useLogin,
  useNotify,
  useTranslate,
} from 'react-admin';
import { SignInError } from './authProvider';
import { PASSWORD_MIN_LENGTH } from './users/userActions';

interface SignInValues {
  username: string;
  password: string;
  newPassword?: string;
  confirmPassword?: string;
}

const sameAsNewPassword = (value: unknown, values: SignInValues) =>
  value === values.newPassword ? undefined : 'civicflow.sign_in.passwords_differ';

/**
 * react-admin's sign-in, plus the form a temporary password leads to: when the API answers that
 * an administrator set the password, the same card asks for a new one and signs in with it.
 */
const SignInForm = () => {
  const login = useLogin();
  const notify = useNotify();
  const translate = useTranslate();
  const [loading, setLoading] = useState(false);
  const [mustChange, setMustChange] = useState(false);

  const submit = async (values: Record<string, unknown>) => {
    const { username, password, newPassword } = values as unknown as SignInValues;
    setLoading(true);
    try {
      await login(mustChange ? { username, password, newPassword } : { username, password });
    } catch (error) {
      if (error instanceof SignInError && error.code === 'PASSWORD_CHANGE_REQUIRED') {
        setMustChange(true);
      } else {
        notify(error instanceof Error ? error.message : 'ra.auth.sign_in_error', { type: 'error' });
      }
    } finally {
      setLoading(false);
    }
  };

  return (
    <Form onSubmit={submit} mode="onChange" noValidate>
      <CardContent sx={{ width: 300, pb: 2 }}>
        <TextInput
          autoFocus
          source="username"
          label={translate('ra.auth.username')}
          autoComplete="username"
          validate={required()}
        />
        <PasswordInput
          source="password"
          label={translate('ra.auth.password')}
          autoComplete="current-password"
          validate={required()}
        />
        {mustChange && (
          <>
            <Alert severity="info" role="status" sx={{ mb: 2 }}>
              {translate('civicflow.sign_in.change_required')}
            </Alert>
            <PasswordInput
              source="newPassword"
              label={translate('civicflow.sign_in.new_password')}
              autoComplete="new-password"
              validate={[required(), minLength(PASSWORD_MIN_LENGTH)]}
              helperText={translate('civicflow.users.password_help', { min: PASSWORD_MIN_LENGTH })}
            />
            <PasswordInput
              source="confirmPassword"
              label={translate('civicflow.sign_in.confirm_password')}
              autoComplete="new-password"
              validate={[required(), sameAsNewPassword]}
            />
          </>
        )}
        <Button variant="contained" type="submit" color="primary" disabled={loading} fullWidth sx={{ mt: 2 }}>
          {loading ? (
            <CircularProgress size={19} thickness={3} />
          ) : (
            translate(mustChange ? 'civicflow.sign_in.change_and_sign_in' : 'ra.auth.sign_in')
          )}
        </Button>
      </CardContent>
    </Form>
  );
};

export const LoginPage = () => (
  <Login>
    <SignInForm />
  </Login>
);
