import {
  DataTable,
  DateField,
  ExportButton,
  FilterButton,
  List,
  Loading,
  TextField,
  TopToolbar,
  useListContext,
  usePermissions,
  useTranslate,
} from 'react-admin';
import { useCodeNames } from '../codeNames';
import { useUnitNames } from '../dashboard/labels';
import { useLiveRefresh } from '../liveRefresh';
import { session, type SessionUser } from '../session';
import { BulkForwardButton } from './BulkForwardButton';
import { caseExporter, EXPORT_PAGE } from './caseExport';
import { CaseFilterSidebar, defaultListView, useCaseFilters } from './caseFilters';
import { isOverdue } from './SlaCountdown';
import { useTaxonomyEvents } from './useTaxonomyEvents';

type Role = SessionUser['role'];

/** Day, month and time: the list must fit a 1280-pixel screen next to the menu and the filters. */
const SHORT_DATE: Intl.DateTimeFormatOptions = {
  day: '2-digit',
  month: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
};

interface ListedCase {
  id: string;
  status: string;
  kind: string;
  channel: string;
  eventCode: string | null;
  unitCode: string | null;
  slaState: string | null;
  escalationLevel: number;
  resolutionDueAt: string | null;
}

const CaseListActions = () => {
  const { filterValues, sort } = useListContext();
  const translate = useTranslate();
  const events = useTaxonomyEvents();
  const units = useUnitNames();
  const exporter = caseExporter({
    filter: filterValues,
    sort,
    translate: (key) => translate(key),
    eventName: (code) => events.find((event) => event.id === code)?.name ?? code,
    unitName: (code) => units.get(code) ?? code,
  });
  return (
    <TopToolbar>
      <FilterButton />
      <ExportButton exporter={exporter} maxResults={EXPORT_PAGE} />
    </TopToolbar>
  );
};

/** Lists and the case page follow changes made elsewhere (the server sends only what the user may see). */
const LiveList = () => {
  useLiveRefresh();
  return null;
};

/**
 * The case list: for a clerk the inbox (triage and new cases), for unit staff their unit's queue
 * with overdue cases first. Each role keeps its own remembered filters.
 */
export const CaseList = () => {
  const { permissions: role, isPending } = usePermissions<Role>();
  const filters = useCaseFilters();
  const translate = useTranslate();
  const names = useCodeNames();
  if (isPending) return <Loading />;
  const unitCode = session.user()?.unitCode ?? null;
  const view = defaultListView(role, unitCode);
  const mayForward = role === 'CLERK' || role === 'ADMIN';
  return (
    <List
      storeKey={`cases.${role ?? 'staff'}`}
      filters={filters}
      filterDefaultValues={view.filter}
      sort={view.sort}
      perPage={25}
      actions={<CaseListActions />}
      aside={<CaseFilterSidebar role={role} unitCode={unitCode} />}
    >
      <LiveList />
      <DataTable
        rowClick="show"
        bulkActionButtons={mayForward ? <BulkForwardButton /> : false}
        rowSx={(record: ListedCase) =>
          isOverdue(record) ? { backgroundColor: 'rgba(211, 47, 47, 0.06)' } : {}
        }
      >
        <DataTable.Col source="number">
          <TextField source="number" sx={{ display: 'block', fontWeight: 500 }} />
          <DateField
            source="createdAt"
            showTime
            options={SHORT_DATE}
            variant="caption"
            color="text.secondary"
          />
        </DataTable.Col>
        <DataTable.Col source="status" render={(record) => translate(`civicflow.status.${record.status}`)} />
        <DataTable.Col
          source="eventCode"
          disableSort
          render={(record: ListedCase) =>
            record.eventCode ? names.event(record.eventCode) : translate(`civicflow.kind.${record.kind}`)
          }
        />
        {role !== 'UNIT_STAFF' && (
          <DataTable.Col source="unitCode" render={(record: ListedCase) => names.unit(record.unitCode)} />
        )}
        <DataTable.Col source="district" />
        <DataTable.Col
          source="slaState"
          disableSort
          render={(record: ListedCase) =>
            record.slaState
              ? `${translate(`civicflow.case.sla_state.${record.slaState}`)}${record.escalationLevel > 0 ? ` (${record.escalationLevel})` : ''}`
              : ''
          }
        />
        <DataTable.Col source="resolutionDueAt">
          <DateField source="resolutionDueAt" showTime options={SHORT_DATE} />
        </DataTable.Col>
      </DataTable>
    </List>
  );
};
