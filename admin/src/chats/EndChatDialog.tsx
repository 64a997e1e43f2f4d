import { useEffect, useState } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import {
  AutocompleteInput,
  Form,
  FormDataConsumer,
  SaveButton,
  SelectInput,
  TextInput,
  useNotify,
  useTranslate,
  type HttpError,
} from 'react-admin';
import { CASE_KINDS } from '../../../domain/cases/case-states';
import { useTaxonomyEvents } from '../cases/useTaxonomyEvents';
import { useBackOfficeDataProvider } from '../dataProvider';

/** Empty inputs are absent fields to the API, not empty strings. */
function clean(values: Record<string, unknown>): Record<string, unknown> {
  const entries = Object.entries(values)
    .map(
      ([key, value]) =>
        [key, value && typeof value === 'object' ? clean(value as Record<string, unknown>) : value] as const,
    )
    .filter(([, value]) => value !== '' && value !== null && value !== undefined)
    .filter(([, value]) => !(typeof value === 'object' && Object.keys(value as object).length === 0));
  return Object.fromEntries(entries);
}

/** Ends a chat as a new case, or as an answered question (filed as a case too). */
export const EndChatDialog = ({
  kind,
  chatId,
  onClose,
  onDone,
}: {
  kind: 'case' | 'answer';
  chatId: string;
  onClose: () => void;
  onDone: (caseNumber: string) => void;
}) => {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useBackOfficeDataProvider();
  const events = useTaxonomyEvents();
  const [districtChoices, setDistrictChoices] = useState<{ id: string; name: string }[]>([]);
  useEffect(() => {
    if (kind !== 'case') return;
    dataProvider.callDistricts().then(setDistrictChoices, () => setDistrictChoices([]));
  }, [dataProvider, kind]);
  const title = translate(kind === 'case' ? 'civicflow.chats.create_case' : 'civicflow.chats.answer');

  const submit = async (values: Record<string, unknown>) => {
    try {
      const body = clean(values);
      const result =
        kind === 'case'
          ? await dataProvider.chatToCase(chatId, body)
          : await dataProvider.answerChat(chatId, body);
      onDone(result.case.number);
      return undefined;
    } catch (error) {
      const body = (error as HttpError).body as { errors?: Record<string, string> } | undefined;
      notify((error as Error).message, { type: 'error' });
      // react-admin puts these messages next to the matching inputs.
      return body?.errors;
    }
  };

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="chat-end-title">
      <DialogTitle id="chat-end-title">{title}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {translate(kind === 'case' ? 'civicflow.chats.create_case_hint' : 'civicflow.chats.answer_hint')}
        </Typography>
        <Form onSubmit={submit} record={{}}>
          {kind === 'case' ? (
            <>
              <SelectInput
                source="kind"
                label="resources.chats.fields.kind"
                emptyText="civicflow.chats.kind_by_classifier"
                choices={CASE_KINDS.map((id) => ({ id, name: translate(`civicflow.kind.${id}`) }))}
                fullWidth
              />
              <FormDataConsumer<{ kind?: string }>>
                {({ formData }) =>
                  formData.kind === 'INCIDENT' ? (
                    <AutocompleteInput
                      source="eventCode"
                      label="resources.chats.fields.eventCode"
                      choices={events}
                      fullWidth
                    />
                  ) : null
                }
              </FormDataConsumer>
              <AutocompleteInput
                source="location.district"
                label="resources.chats.fields.location.district"
                choices={districtChoices}
                fullWidth
              />
              <Stack direction="row" spacing={1}>
                <TextInput
                  source="location.street"
                  label="resources.chats.fields.location.street"
                  fullWidth
                />
                <TextInput source="location.building" label="resources.chats.fields.location.building" />
              </Stack>
              <TextInput
                source="description"
                label="resources.chats.fields.description"
                multiline
                minRows={3}
                fullWidth
              />
            </>
          ) : (
            <TextInput
              source="answer"
              label="resources.chats.fields.answer"
              multiline
              minRows={3}
              fullWidth
            />
          )}
          <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
            <SaveButton label={title} alwaysEnable />
            <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
          </Stack>
        </Form>
      </DialogContent>
    </Dialog>
  );
};
