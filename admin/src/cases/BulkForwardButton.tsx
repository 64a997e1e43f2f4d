import { useState } from 'react';
import MuiButton from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import ForwardIcon from '@mui/icons-material/Forward';
import {
  AutocompleteInput,
  Button,
  Form,
  ReferenceInput,
  SaveButton,
  TextInput,
  required,
  useListContext,
  useNotify,
  useRefresh,
  useTranslate,
  type HttpError,
} from 'react-admin';
import { useBackOfficeDataProvider } from '../dataProvider';

interface Failure {
  number: string;
  message: string;
}

/**
 * Forwards the selected cases to one unit, one action request per case: a case whose state does
 * not allow it (409) or that another clerk has just moved fails alone, and is named in the report.
 */
export const BulkForwardButton = () => {
  // The list keeps its selection under its own store key: clear it through the list itself.
  const { selectedIds, data, onUnselectItems } = useListContext<{ id: string; number: string }>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useBackOfficeDataProvider();
  const [open, setOpen] = useState(false);

  const submit = async (values: Record<string, unknown>) => {
    const body: Record<string, unknown> = { unitCode: values.unitCode };
    if (typeof values.note === 'string' && values.note.trim()) body.note = values.note.trim();
    const numberOf = (id: string) => data?.find((record) => record.id === id)?.number ?? id;
    const failures: Failure[] = [];
    // One at a time: each forward is a workflow update, and a burst would only queue on the server.
    for (const id of selectedIds as string[]) {
      try {
        await dataProvider.runCaseAction(id, 'forward', body);
      } catch (error) {
        const status = (error as HttpError).status;
        failures.push({
          number: numberOf(id),
          message:
            status === 409 ? translate('civicflow.case.bulk_forward.not_allowed') : (error as Error).message,
        });
      }
    }
    const forwarded = selectedIds.length - failures.length;
    setOpen(false);
    if (failures.length === 0) {
      notify('civicflow.case.bulk_forward.done', {
        type: 'success',
        messageArgs: { smart_count: forwarded },
      });
    } else {
      notify('civicflow.case.bulk_forward.partial', {
        type: forwarded > 0 ? 'warning' : 'error',
        multiLine: true,
        autoHideDuration: 15_000,
        messageArgs: {
          smart_count: forwarded,
          failures: failures.map((f) => `${f.number}: ${f.message}`).join('; '),
        },
      });
    }
    onUnselectItems();
    refresh();
  };

  return (
    <>
      <Button label="civicflow.case.bulk_forward.button" onClick={() => setOpen(true)} data-bulk="forward">
        <ForwardIcon />
      </Button>
      {open && (
        <Dialog
          open
          onClose={() => setOpen(false)}
          fullWidth
          maxWidth="sm"
          aria-labelledby="bulk-forward-title"
        >
          <DialogTitle id="bulk-forward-title">
            {translate('civicflow.case.bulk_forward.title', { smart_count: selectedIds.length })}
          </DialogTitle>
          <DialogContent>
            <Form onSubmit={submit} record={{}}>
              <ReferenceInput
                source="unitCode"
                reference="units"
                filter={{ active: true }}
                sort={{ field: 'code', order: 'ASC' }}
                perPage={100}
              >
                <AutocompleteInput
                  label="resources.cases.fields.unitCode"
                  optionText="name"
                  validate={required()}
                />
              </ReferenceInput>
              <TextInput
                source="note"
                label="civicflow.action.note.forward"
                multiline
                minRows={3}
                fullWidth
              />
              <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
                <SaveButton label="civicflow.case.bulk_forward.button" icon={<ForwardIcon />} alwaysEnable />
                <MuiButton onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</MuiButton>
              </Stack>
            </Form>
          </DialogContent>
        </Dialog>
      )}
    </>
  );
};
