import Alert from '@mui/material/Alert';
import { BooleanInput, Create, Edit, SimpleForm, required, useTranslate } from 'react-admin';
import { DistrictInput, EventInput, UnitOrDistrictOfficeInput } from './inputs';

const eventOrDistrict = (value: unknown, values: { eventCode?: string | null; district?: string | null }) =>
  !values.eventCode && !values.district ? 'civicflow.routing.event_help' : undefined;

const RuleFields = () => {
  const translate = useTranslate();
  return (
    <>
      <Alert severity="info" sx={{ mb: 2 }}>
        {translate('civicflow.routing.precedence')}
      </Alert>
      <EventInput
        source="eventCode"
        validate={eventOrDistrict}
        helperText={translate('civicflow.routing.event_help')}
        fullWidth
      />
      <DistrictInput source="district" helperText={translate('civicflow.routing.district_help')} fullWidth />
      <UnitOrDistrictOfficeInput
        source="unitCode"
        validate={required()}
        helperText={translate('civicflow.routing.unit_help')}
        fullWidth
      />
      <BooleanInput source="active" helperText={translate('civicflow.routing.active_help')} />
    </>
  );
};

export const RoutingRuleCreate = () => (
  <Create redirect="list">
    <SimpleForm defaultValues={{ active: true, eventCode: null, district: null }}>
      <RuleFields />
    </SimpleForm>
  </Create>
);

export const RoutingRuleEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list">
    <SimpleForm>
      <RuleFields />
    </SimpleForm>
  </Edit>
);
