import Alert from '@mui/material/Alert';
import {
  BooleanInput,
  Create,
  Edit,
  NumberInput,
  SelectInput,
  SimpleForm,
  TextInput,
  maxLength,
  maxValue,
  minValue,
  number,
  required,
  useTranslate,
} from 'react-admin';
import { EventInput } from '../routing-rules/inputs';
import { usePriorityChoices } from '../taxonomy/priorities';
import { useCalendarChoices } from './calendars';

/** "100, 150, 200" in the form; [100, 150, 200] in the record. */
const formatPercents = (value: unknown) =>
  Array.isArray(value) ? value.join(', ') : (value as string | undefined);
const parsePercents = (text: string) =>
  text
    .split(/[,;\s]+/)
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));

const ascendingFromHundred = (value: unknown) => {
  const levels = Array.isArray(value) ? value : [];
  const valid =
    levels.length > 0 &&
    levels.every(
      (level, i) => typeof level === 'number' && level >= 100 && (i === 0 || level > levels[i - 1]),
    );
  return valid ? undefined : 'civicflow.sla.escalation_invalid';
};

const eventOrPriority = (value: unknown, values: { eventCode?: string | null; priority?: string | null }) =>
  !values.eventCode === !values.priority ? 'civicflow.sla.scope_help' : undefined;

const PolicyFields = () => {
  const translate = useTranslate();
  return (
    <>
      <Alert severity="info" sx={{ mb: 2 }}>
        {translate('civicflow.sla.applies_to_new')}
      </Alert>
      <TextInput source="name" validate={[required(), maxLength(255)]} fullWidth />
      <EventInput
        source="eventCode"
        validate={eventOrPriority}
        helperText={translate('civicflow.sla.event_help')}
        fullWidth
      />
      <SelectInput
        source="priority"
        choices={usePriorityChoices()}
        validate={eventOrPriority}
        helperText={translate('civicflow.sla.priority_help')}
      />
      <SelectInput source="calendar" choices={useCalendarChoices()} validate={required()} />
      <NumberInput
        source="firstResponseMinutes"
        validate={[required(), number(), minValue(0.01)]}
        helperText={translate('civicflow.sla.minutes_help')}
      />
      <NumberInput
        source="resolutionMinutes"
        validate={[required(), number(), minValue(0.01)]}
        helperText={translate('civicflow.sla.minutes_help')}
      />
      <NumberInput
        source="warnAtPercent"
        step={1}
        validate={[required(), number(), minValue(1), maxValue(99)]}
        helperText={translate('civicflow.sla.warn_help')}
      />
      <TextInput
        source="escalationPercents"
        format={formatPercents}
        parse={parsePercents}
        validate={ascendingFromHundred}
        helperText={translate('civicflow.sla.escalation_help')}
      />
      <BooleanInput source="active" helperText={translate('civicflow.sla.active_help')} />
    </>
  );
};

export const SlaPolicyCreate = () => (
  <Create redirect="list">
    <SimpleForm
      defaultValues={{
        calendar: 'BUSINESS',
        warnAtPercent: 75,
        escalationPercents: [100, 150, 200],
        active: true,
        eventCode: null,
        priority: null,
      }}
    >
      <PolicyFields />
    </SimpleForm>
  </Create>
);

export const SlaPolicyEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list">
    <SimpleForm>
      <PolicyFields />
    </SimpleForm>
  </Edit>
);
