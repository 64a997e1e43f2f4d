import { useEffect, useState } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import {
  AutocompleteInput,
  BooleanInput,
  Form,
  ReferenceInput,
  SaveButton,
  SelectInput,
  TextInput,
  required,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
  type HttpError,
} from 'react-admin';
import { useLocation, useNavigate } from 'react-router';
import { CASE_KINDS } from '../../../domain/cases/case-states';
import { TemplatePicker, type CaseForTemplate } from '../response-templates/TemplatePicker';
import { useBackOfficeDataProvider } from '../dataProvider';
import { CASE_ACTIONS, NOTE_REQUIRED, type CaseAction } from './caseActions';
import { ForwardUnitInput } from './ForwardUnitInput';
import { useTaxonomyEvents } from './useTaxonomyEvents';

/** One button per action the signed-in user may take now, each with its own form. */
export const CaseActions = () => {
  const record = useRecordContext<CaseForTemplate & { id: string; availableActions: CaseAction[] }>();
  const translate = useTranslate();
  const [open, setOpen] = useState<CaseAction | null>(null);
  const location = useLocation();
  const navigate = useNavigate();
  // The inbox's `f` opens a case as `?action=forward`: the dialog opens once the case shows the
  // action is allowed, and the parameter goes so a reload does not open it again.
  const requested = new URLSearchParams(location.search).get('action') as CaseAction | null;
  useEffect(() => {
    if (!requested || !record?.availableActions) return;
    if (record.availableActions.includes(requested)) setOpen(requested);
    void navigate({ pathname: location.pathname, search: '' }, { replace: true });
  }, [requested, record?.availableActions, location.pathname, navigate]);
  if (!record) return null;
  const actions = CASE_ACTIONS.filter((action) => record.availableActions?.includes(action));
  return (
    <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', gap: 1, my: 1 }}>
      {actions.map((action) => (
        <Button
          key={action}
          variant={
            action === 'accept' || action === 'resolve' || action === 'forward' ? 'contained' : 'outlined'
          }
          color={action === 'cancel' ? 'error' : 'primary'}
          size="small"
          onClick={() => setOpen(action)}
          data-action={action}
        >
          {translate(`civicflow.action.${action}`)}
        </Button>
      ))}
      {open && <ActionDialog caseRecord={record} action={open} onClose={() => setOpen(null)} />}
    </Stack>
  );
};

/** The actions whose note is written to the resident: they can start from a response template. */
const TEMPLATE_ACTIONS = ['answer', 'resolve', 'request-info'] as const;
type TemplateAction = (typeof TEMPLATE_ACTIONS)[number];
const takesTemplate = (action: CaseAction): action is TemplateAction =>
  (TEMPLATE_ACTIONS as readonly CaseAction[]).includes(action);

const ActionDialog = ({
  caseRecord,
  action,
  onClose,
}: {
  caseRecord: CaseForTemplate & { id: string };
  action: CaseAction;
  onClose: () => void;
}) => {
  const caseId = caseRecord.id;
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useBackOfficeDataProvider();
  const events = useTaxonomyEvents();

  const submit = async (values: Record<string, unknown>) => {
    try {
      await dataProvider.runCaseAction(caseId, action, clean(values));
      notify('civicflow.action.done', {
        type: 'success',
        messageArgs: { action: translate(`civicflow.action.${action}`) },
      });
      onClose();
      refresh();
      return undefined;
    } catch (error) {
      const body = (error as HttpError).body as { errors?: Record<string, string> } | undefined;
      notify((error as Error).message, { type: 'error' });
      // react-admin puts these messages next to the matching inputs.
      return body?.errors;
    }
  };

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="case-action-title">
      <DialogTitle id="case-action-title">{translate(`civicflow.action.${action}`)}</DialogTitle>
      <DialogContent>
        <Form onSubmit={submit} record={{}}>
          {action === 'classify' && (
            <>
              <SelectInput
                source="kind"
                label="resources.cases.fields.kind"
                choices={CASE_KINDS.map((id) => ({ id, name: translate(`civicflow.kind.${id}`) }))}
                validate={required()}
              />
              <AutocompleteInput
                source="eventCode"
                label="resources.cases.fields.eventCode"
                choices={events}
              />
            </>
          )}
          {action === 'forward' && <ForwardUnitInput caseId={caseId} />}
          {action === 'merge' && (
            <ReferenceInput
              source="parentCaseId"
              reference="cases"
              filter={{ status: ['TRIAGE', 'FORWARDED', 'IN_PROGRESS', 'WAITING_FOR_RESIDENT'] }}
            >
              <AutocompleteInput
                label="civicflow.action.parent_case"
                optionText="number"
                validate={required()}
                filterToQuery={(q) => ({ q })}
              />
            </ReferenceInput>
          )}
          {takesTemplate(action) && <TemplatePicker action={action} caseRecord={caseRecord} />}
          <TextInput
            source="note"
            label={`civicflow.action.note.${action}`}
            multiline
            minRows={3}
            fullWidth
            validate={NOTE_REQUIRED.includes(action) ? required() : undefined}
          />
          {action === 'comment' && <BooleanInput source="isPublic" label="civicflow.action.public_comment" />}
          <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
            <SaveButton label={`civicflow.action.${action}`} alwaysEnable />
            <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
          </Stack>
        </Form>
      </DialogContent>
    </Dialog>
  );
};

/** Empty inputs are absent fields to the API, not empty strings. */
function clean(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== '' && value !== null && value !== undefined),
  );
}
