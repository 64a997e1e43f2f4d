import {
  DataTable,
  DateField,
  DateInput,
  downloadCSV,
  ExportButton,
  FilterButton,
  Link,
  List,
  SelectInput,
  TextInput,
  TopToolbar,
  useTranslate,
  type RaRecord,
} from 'react-admin';
import { auditToCsv } from './auditCsv';
import { useEventLabels } from './eventLabels';
import { auditMessages } from './messages';

const EVENT_TYPES = Object.keys(auditMessages.en.civicflow.audit.type);

/** The API returns at most 500 rows per request; an export is the newest 500 matching the filters. */
const EXPORT_LIMIT = 500;

const AuditActions = () => (
  <TopToolbar>
    <FilterButton />
    <ExportButton maxResults={EXPORT_LIMIT} />
  </TopToolbar>
);

/** Who did what to which case, when and why: every event of every case, newest first. */
export const AuditList = () => {
  const translate = useTranslate();
  const { type: typeLabel, role: roleLabel, actor: actorLabel, status: statusLabel } = useEventLabels();
  const filters = [
    <TextInput key="actor" source="actor" alwaysOn placeholder={translate('civicflow.audit.actor_hint')} />,
    <SelectInput
      key="type"
      source="type"
      alwaysOn
      choices={EVENT_TYPES.map((id) => ({ id, name: typeLabel(id) }))}
    />,
    <DateInput key="from" source="createdAt_gte" alwaysOn />,
    <DateInput key="to" source="createdAt_lte" alwaysOn />,
  ];
  return (
    <List
      resource="case-events"
      title="civicflow.audit.title"
      sort={{ field: 'createdAt', order: 'DESC' }}
      perPage={25}
      filters={filters}
      actions={<AuditActions />}
      exporter={(records: RaRecord[]) =>
        downloadCSV(
          auditToCsv(records, {
            translate: (key) => translate(key),
            actor: actorLabel,
            role: roleLabel,
            type: typeLabel,
            status: statusLabel,
          }),
          'civicflow-audit',
        )
      }
    >
      <DataTable bulkActionButtons={false} rowClick={false}>
        <DataTable.Col source="createdAt">
          <DateField source="createdAt" showTime />
        </DataTable.Col>
        <DataTable.Col source="actor" disableSort render={(record) => actorLabel(record.actor)} />
        <DataTable.Col source="actorRole" disableSort render={(record) => roleLabel(record.actorRole)} />
        <DataTable.Col source="type" disableSort render={(record) => typeLabel(record.type)} />
        <DataTable.Col source="status" disableSort render={(record) => statusLabel(record.status)} />
        <DataTable.Col source="note" disableSort />
        <DataTable.Col
          source="caseNumber"
          disableSort
          render={(record) => <Link to={`/cases/${record.caseId}/show`}>{record.caseNumber}</Link>}
        />
      </DataTable>
    </List>
  );
};
