import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import { Create, SimpleForm, TextInput, required, useTranslate, type RaRecord } from 'react-admin';

/** The key exists only in this answer (it is stored as a hash): show it until the admin leaves. */
export const Open311ClientCreate = () => {
  const translate = useTranslate();
  const [issued, setIssued] = useState<{ name: string; apiKey: string } | null>(null);
  return (
    <>
      {issued && (
        <Box sx={{ m: 2 }}>
          <Alert severity="success">
            {translate('civicflow.open311.key_issued', { name: issued.name })}
            <Box
              component="code"
              sx={{ display: 'block', mt: 1, fontSize: '1.1em', userSelect: 'all' }}
              data-testid="issued-key"
            >
              {issued.apiKey}
            </Box>
          </Alert>
        </Box>
      )}
      <Create
        redirect={false}
        mutationOptions={{
          onSuccess: (data: RaRecord) => setIssued({ name: String(data.name), apiKey: String(data.apiKey) }),
        }}
      >
        <SimpleForm>
          <TextInput source="name" validate={required()} fullWidth />
        </SimpleForm>
      </Create>
    </>
  );
};
