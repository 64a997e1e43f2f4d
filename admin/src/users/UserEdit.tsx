import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import {
  BooleanInput,
  DateField,
  Edit,
  Form,
  Labeled,
  PasswordInput,
  SaveButton,
  SimpleForm,
  Toolbar,
  minLength,
  required,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
  type HttpError,
} from 'react-admin';
import { session } from '../session';
import { useBackOfficeDataProvider } from '../dataProvider';
import { PASSWORD_MIN_LENGTH } from './userActions';
import { UserFields, UsernameInput, withoutUnitUnlessStaff } from './UserForm';

interface UserRecord {
  id: string;
  username: string;
  locked: boolean;
  lockedUntil: string | null;
  failedLogins: number;
  mustChangePassword: boolean;
}

/** Saving is the only way out of this form: accounts are deactivated, never deleted. */
const SaveOnlyToolbar = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);

const ResetPasswordDialog = ({ userId, onClose }: { userId: string; onClose: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useBackOfficeDataProvider();
  const submit = async (values: Record<string, unknown>) => {
    try {
      await dataProvider.runUserAction(userId, 'reset-password', { password: values.password });
      notify('civicflow.users.password_changed', { type: 'success' });
      onClose();
      refresh();
      return undefined;
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
      return ((error as HttpError).body as { errors?: Record<string, string> } | undefined)?.errors;
    }
  };
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="xs" aria-labelledby="reset-password-title">
      <DialogTitle id="reset-password-title">{translate('civicflow.users.reset_password')}</DialogTitle>
      <DialogContent>
        <Form onSubmit={submit} record={{}}>
          <PasswordInput
            source="password"
            label="resources.users.fields.password"
            validate={[required(), minLength(PASSWORD_MIN_LENGTH)]}
            helperText={translate('civicflow.users.password_help', { min: PASSWORD_MIN_LENGTH })}
            autoComplete="new-password"
            fullWidth
          />
          <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
            <SaveButton label="civicflow.users.reset_password" alwaysEnable />
            <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
          </Stack>
        </Form>
      </DialogContent>
    </Dialog>
  );
};

/** Sign-in state of the account: the lock after failed sign-ins, unlock and password reset. */
const AccountAccess = () => {
  const record = useRecordContext<UserRecord>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useBackOfficeDataProvider();
  const [resetting, setResetting] = useState(false);
  if (!record) return null;
  const unlock = async () => {
    try {
      await dataProvider.runUserAction(record.id, 'unlock');
      notify('civicflow.users.unlocked', { type: 'success' });
      refresh();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };
  return (
    <Stack spacing={1} sx={{ mb: 2 }}>
      {record.locked && (
        <Alert
          severity="warning"
          action={
            <Button color="inherit" size="small" onClick={() => void unlock()} data-action="unlock">
              {translate('civicflow.users.unlock')}
            </Button>
          }
        >
          {translate('civicflow.users.locked')}
          {record.lockedUntil && (
            <>
              {' '}
              <DateField source="lockedUntil" showTime />
            </>
          )}
        </Alert>
      )}
      {record.mustChangePassword && (
        <Alert severity="info" data-state="temporary-password">
          {translate('civicflow.users.temporary_password')}
        </Alert>
      )}
      <Stack direction="row" spacing={3} sx={{ alignItems: 'center' }}>
        <Labeled source="failedLogins">
          <span>{record.failedLogins}</span>
        </Labeled>
        <Button
          variant="outlined"
          size="small"
          onClick={() => setResetting(true)}
          data-action="reset-password"
        >
          {translate('civicflow.users.reset_password')}
        </Button>
      </Stack>
      {resetting && <ResetPasswordDialog userId={record.id} onClose={() => setResetting(false)} />}
    </Stack>
  );
};

const EditFields = () => {
  const record = useRecordContext<UserRecord>();
  const translate = useTranslate();
  const self = record?.id === session.user()?.id;
  return (
    <>
      <AccountAccess />
      <UsernameInput disabled />
      <UserFields self={self} />
      <BooleanInput
        source="active"
        disabled={self}
        helperText={translate(self ? 'civicflow.users.self_help' : 'civicflow.users.active_help')}
      />
    </>
  );
};

export const UserEdit = () => (
  // Pessimistic: the server's refusals (a unit that does not exist, demoting oneself) show on the fields.
  <Edit mutationMode="pessimistic" transform={withoutUnitUnlessStaff} redirect="list">
    <SimpleForm toolbar={<SaveOnlyToolbar />}>
      <EditFields />
    </SimpleForm>
  </Edit>
);
