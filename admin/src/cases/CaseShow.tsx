import {
  DateField,
  FunctionField,
  Labeled,
  ReferenceManyField,
  Show,
  SimpleList,
  TabbedShowLayout,
  TextField,
  useTranslate,
} from 'react-admin';
import { CaseActions } from './CaseActions';

export const CaseShow = () => {
  const translate = useTranslate();
  return (
    <Show>
      <CaseActions />
      <TabbedShowLayout>
        <TabbedShowLayout.Tab label="civicflow.case.details">
          <TextField source="number" />
          <FunctionField
            source="status"
            render={(record) => translate(`civicflow.status.${record.status}`)}
          />
          <FunctionField source="kind" render={(record) => translate(`civicflow.kind.${record.kind}`)} />
          <TextField source="eventCode" />
          <TextField source="unitCode" />
          <TextField source="district" />
          <FunctionField
            source="channel"
            render={(record) => translate(`civicflow.channel.${record.channel}`)}
          />
          <TextField source="priority" />
          <DateField source="createdAt" showTime />
          <DateField source="resolutionDueAt" showTime />
          <TextField source="description" />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="civicflow.case.location">
          <TextField source="location.street" />
          <TextField source="location.building" />
          <TextField source="district" />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="civicflow.case.contact">
          <TextField source="contact.name" />
          <TextField source="contact.email" />
          <TextField source="contact.phone" />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="civicflow.case.timeline">
          <Labeled label="civicflow.case.timeline">
            <ReferenceManyField reference="case-events" target="caseId" sort={{ field: 'id', order: 'ASC' }}>
              <SimpleList
                primaryText={(event) =>
                  `${event.type}${event.status ? ` → ${translate(`civicflow.status.${event.status}`)}` : ''}`
                }
                secondaryText={(event) => `${new Date(event.createdAt).toLocaleString()} · ${event.actor}`}
                tertiaryText={(event) => event.note ?? ''}
                linkType={false}
                empty={<span>{translate('civicflow.case.no_events')}</span>}
              />
            </ReferenceManyField>
          </Labeled>
        </TabbedShowLayout.Tab>
      </TabbedShowLayout>
    </Show>
  );
};
