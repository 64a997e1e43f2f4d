import { useEffect, useRef, useState } from 'react';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import {
  AutocompleteInput,
  BooleanInput,
  Form,
  FormDataConsumer,
  SaveButton,
  SelectInput,
  TextInput,
  Title,
  required,
  useNotify,
  useRedirect,
  useTranslate,
  type HttpError,
} from 'react-admin';
import { CASE_KINDS } from '../../../domain/cases/case-states';
import { useTaxonomyEvents } from '../cases/useTaxonomyEvents';
import { CallerHistory } from './CallerHistory';
import { CallStreetInput } from './CallStreetInput';
import { CallTimer, useCallTimer } from './CallTimer';
import { useBackOfficeDataProvider } from '../dataProvider';
import { newIdempotencyKey } from './callsApi';

interface CallForm {
  caller?: { name?: string; email?: string; phone?: string };
  kind?: string;
  eventCode?: string;
  /** lat/lon come from the street chosen in the register (CallStreetInput), never typed. */
  location?: { district?: string; street?: string; building?: string; lat?: number; lon?: number };
  description?: string;
  answeredOnSpot?: boolean;
  answer?: string;
  language?: 'pl' | 'en';
}

const NEW_CALL: CallForm = { language: 'pl' };

/** Server fields without an input of their own, shown where the clerk can fix them. */
const FIELD_OF_SERVER_ERROR: Record<string, string> = { caller: 'caller.name' };
const DURATION_ERRORS = ['durationSeconds', 'callStartedAt', 'callEndedAt'];

/** Empty inputs are absent fields to the API, not empty strings; empty groups are absent too. */
function present<T extends Record<string, unknown>>(values: T | undefined): Partial<T> | undefined {
  const kept = Object.entries(values ?? {}).filter(
    ([, value]) => value !== '' && value !== null && value !== undefined,
  );
  return kept.length ? (Object.fromEntries(kept) as Partial<T>) : undefined;
}

/**
 * The phone channel: the clerk records the call while talking. A question answered on the line is
 * saved already answered; anything else becomes a case the workflow routes like any other.
 */
export const NewCall = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const dataProvider = useBackOfficeDataProvider();
  const events = useTaxonomyEvents();
  const timer = useCallTimer();
  const [durationError, setDurationError] = useState<string | null>(null);
  const [districtChoices, setDistrictChoices] = useState<{ id: string; name: string }[]>([]);
  // One key for this call, kept across retries until a case exists.
  const idempotencyKey = useRef(newIdempotencyKey());

  useEffect(() => {
    let live = true;
    dataProvider
      .callDistricts()
      .then((list) => live && setDistrictChoices(list))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [dataProvider]);

  const submit = async (values: CallForm) => {
    // The body must not change between a first try and its retry: the clock stops at the first save.
    timer.stop();
    const durationSeconds = timer.durationSeconds();
    if (durationSeconds === null) {
      setDurationError(translate('civicflow.calls.duration_format'));
      return undefined;
    }
    setDurationError(null);
    const kind = values.kind;
    const body = {
      caller: present(values.caller),
      kind,
      eventCode: kind === 'INCIDENT' ? values.eventCode || undefined : undefined,
      location: present(values.location),
      description: values.description,
      callStartedAt: timer.startedAt.toISOString(),
      durationSeconds,
      answer: kind === 'INFORMATION' && values.answeredOnSpot ? values.answer : undefined,
      language: values.language ?? 'pl',
    };
    try {
      const call = await dataProvider.recordCall(body, idempotencyKey.current);
      notify('civicflow.calls.recorded', { type: 'success', messageArgs: { number: call.number } });
      redirect('show', 'cases', call.id);
      return undefined;
    } catch (error) {
      const errors = ((error as HttpError).body as { errors?: Record<string, string> } | undefined)?.errors;
      notify((error as Error).message, { type: 'error' });
      if (!errors) return undefined;
      const duration = DURATION_ERRORS.map((field) => errors[field]).find(Boolean);
      if (duration) setDurationError(duration);
      // react-admin puts these messages next to the matching inputs.
      return Object.fromEntries(
        Object.entries(errors)
          .filter(([field]) => !DURATION_ERRORS.includes(field))
          .map(([field, message]) => [FIELD_OF_SERVER_ERROR[field] ?? field, message]),
      );
    }
  };

  const kinds = CASE_KINDS.map((id) => ({ id, name: translate(`civicflow.kind.${id}`) }));

  return (
    <Card sx={{ mt: 2 }}>
      <Title title="civicflow.calls.title" />
      <CardContent>
        <Form onSubmit={submit} record={NEW_CALL}>
          <CallTimer timer={timer} error={durationError} />
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={3} sx={{ alignItems: 'flex-start' }}>
            <Box sx={{ flex: 3, minWidth: 0, width: '100%' }}>
              <Section title="civicflow.calls.caller" hint="civicflow.calls.caller_hint" />
              <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
                <TextInput source="caller.name" fullWidth />
                <TextInput source="caller.email" type="email" fullWidth />
                <TextInput source="caller.phone" type="tel" fullWidth />
              </Stack>

              <Section title="civicflow.calls.subject" />
              <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
                <SelectInput source="kind" choices={kinds} validate={required()} sx={{ minWidth: 220 }} />
                <FormDataConsumer<CallForm>>
                  {({ formData }) =>
                    formData.kind === 'INCIDENT' ? (
                      <AutocompleteInput
                        source="eventCode"
                        choices={events}
                        validate={required()}
                        fullWidth
                      />
                    ) : null
                  }
                </FormDataConsumer>
              </Stack>
              <TextInput source="description" multiline minRows={3} fullWidth validate={required()} />
              <FormDataConsumer<CallForm>>
                {({ formData }) =>
                  formData.kind === 'INFORMATION' ? (
                    <>
                      <BooleanInput
                        source="answeredOnSpot"
                        helperText="civicflow.calls.answered_on_spot_hint"
                      />
                      {formData.answeredOnSpot && (
                        <TextInput source="answer" multiline minRows={3} fullWidth validate={required()} />
                      )}
                    </>
                  ) : null
                }
              </FormDataConsumer>

              <Section title="civicflow.calls.location" />
              <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
                <CallStreetInput />
                <TextInput source="location.building" sx={{ maxWidth: 160 }} />
                <AutocompleteInput
                  source="location.district"
                  choices={districtChoices}
                  helperText="civicflow.calls.district_hint"
                  fullWidth
                />
              </Stack>
              <SelectInput
                source="language"
                choices={[
                  { id: 'pl', name: 'civicflow.language.pl' },
                  { id: 'en', name: 'civicflow.language.en' },
                ]}
                validate={required()}
              />
              <Box sx={{ mt: 2 }}>
                <SaveButton label="civicflow.calls.save" alwaysEnable />
              </Box>
            </Box>
            <Box sx={{ flex: 2, minWidth: 280, width: '100%' }}>
              <FormDataConsumer<CallForm>>
                {({ formData }) => (
                  <CallerHistory email={formData.caller?.email} phone={formData.caller?.phone} />
                )}
              </FormDataConsumer>
            </Box>
          </Stack>
        </Form>
      </CardContent>
    </Card>
  );
};

const Section = ({ title, hint }: { title: string; hint?: string }) => {
  const translate = useTranslate();
  return (
    <Box sx={{ mt: 2, mb: 1 }}>
      <Typography variant="subtitle1" component="h2">
        {translate(title)}
      </Typography>
      {hint && (
        <Typography variant="body2" color="text.secondary">
          {translate(hint)}
        </Typography>
      )}
    </Box>
  );
};
