import type { ReactNode } from 'react';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import {
  DateField,
  FunctionField,
  Labeled,
  ReferenceField,
  ReferenceManyField,
  Show,
  SimpleList,
  SimpleShowLayout,
  TabbedShowLayout,
  TextField,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { useEventLabels } from '../audit/eventLabels';
import { useCodeNames } from '../codeNames';
import { useLiveRefresh } from '../liveRefresh';
import { CaseActions } from './CaseActions';
import { CaseConversation } from './CaseConversation';
import { CaseMap } from './CaseMap';
import { CasePhotos } from './CasePhotos';
import { SlaCountdown } from './SlaCountdown';

interface CaseRecord {
  id: string;
  number: string;
  status: string;
  kind: string;
  channel: string;
  eventCode: string | null;
  unitCode: string | null;
  priority: string | null;
  district: string | null;
  description: string;
  createdAt: string;
  slaState: string | null;
  escalationLevel: number;
  firstResponseDueAt: string | null;
  resolutionDueAt: string | null;
  classificationConfidence: number | null;
  location: { lat: number | null; lon: number | null; street: string | null; building: string | null };
}

/** The open case reloads when it changes elsewhere (another clerk, the unit, the resident, the SLA clock). */
const CaseLiveRefresh = () => {
  const record = useRecordContext<CaseRecord>();
  const id = record?.id;
  useLiveRefresh((change) => change.id === id);
  return null;
};

const Section = ({ title, children }: { title: string; children: ReactNode }) => {
  const translate = useTranslate();
  return (
    <Box sx={{ mb: 2 }}>
      <Typography variant="subtitle2" color="text.secondary" sx={{ mb: 1 }}>
        {translate(title)}
      </Typography>
      {children}
    </Box>
  );
};

const CaseOverview = () => {
  const record = useRecordContext<CaseRecord>();
  const translate = useTranslate();
  const names = useCodeNames();
  if (!record) return null;
  return (
    <Box
      sx={{
        display: 'grid',
        gridTemplateColumns: { xs: '1fr', md: 'minmax(0, 1fr) minmax(0, 1fr)' },
        gap: 3,
      }}
    >
      <Box>
        <SimpleShowLayout sx={{ p: 0 }}>
          <TextField source="number" />
          <FunctionField
            source="status"
            render={(r: CaseRecord) => translate(`civicflow.status.${r.status}`)}
          />
          <FunctionField source="kind" render={(r: CaseRecord) => translate(`civicflow.kind.${r.kind}`)} />
          <FunctionField
            source="eventCode"
            render={(r: CaseRecord) => (r.eventCode ? names.event(r.eventCode, true) : '—')}
          />
          <FunctionField source="unitCode" render={(r: CaseRecord) => names.unit(r.unitCode) || '—'} />
          <FunctionField
            source="channel"
            render={(r: CaseRecord) => translate(`civicflow.channel.${r.channel}`)}
          />
          <FunctionField source="priority" render={(r: CaseRecord) => names.priority(r.priority) || '—'} />
          <DateField source="createdAt" showTime />
          <FunctionField
            source="classificationConfidence"
            render={(r: CaseRecord) =>
              r.classificationConfidence === null ? '—' : `${Math.round(r.classificationConfidence * 100)} %`
            }
          />
          <ReferenceField source="duplicateOf" reference="cases" link="show" emptyText="—" />
          <ReferenceField source="suggestedParentId" reference="cases" link="show" emptyText="—" />
          <ReferenceField source="relatedCaseId" reference="cases" link="show" emptyText="—" />
          <TextField source="description" sx={{ whiteSpace: 'pre-wrap' }} />
        </SimpleShowLayout>
        <Section title="civicflow.case.sla.title">
          <SlaCountdown record={record} />
        </Section>
      </Box>
      <Box>
        <Section title="civicflow.case.location">
          <CaseMap record={record} />
        </Section>
        <Section title="civicflow.case.photos">
          <CasePhotos caseId={record.id} />
        </Section>
      </Box>
    </Box>
  );
};

const Conversation = () => {
  const record = useRecordContext<CaseRecord>();
  return record ? <CaseConversation record={record} /> : null;
};

export const CaseShow = () => {
  const translate = useTranslate();
  const labels = useEventLabels();
  return (
    <Show>
      <CaseLiveRefresh />
      <CaseActions />
      <TabbedShowLayout>
        <TabbedShowLayout.Tab label="civicflow.case.details">
          <div>
            <CaseOverview />
          </div>
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="civicflow.case.conversation" path="conversation">
          <div>
            <Conversation />
          </div>
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="civicflow.case.timeline" path="timeline">
          <Labeled label="civicflow.case.timeline">
            <ReferenceManyField
              reference="case-events"
              target="caseId"
              sort={{ field: 'id', order: 'ASC' }}
              perPage={500}
            >
              <SimpleList
                primaryText={(event) =>
                  `${labels.type(event.type)}${event.status ? ` → ${labels.status(event.status)}` : ''}`
                }
                secondaryText={(event) =>
                  `${new Date(event.createdAt).toLocaleString()} · ${labels.actor(event.actor)}`
                }
                tertiaryText={(event) => event.note ?? ''}
                linkType={false}
                empty={<span>{translate('civicflow.case.no_events')}</span>}
              />
            </ReferenceManyField>
          </Labeled>
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="civicflow.case.contact" path="contact">
          <TextField source="contact.name" emptyText="—" />
          <TextField source="contact.email" emptyText="—" />
          <TextField source="contact.phone" emptyText="—" />
        </TabbedShowLayout.Tab>
      </TabbedShowLayout>
    </Show>
  );
};
