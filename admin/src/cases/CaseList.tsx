import { useRef } from 'react';
import Box from '@mui/material/Box';
import FilterListIcon from '@mui/icons-material/FilterList';
import FilterListOffIcon from '@mui/icons-material/FilterListOff';
import {
  Button,
  DataTable,
  DateField,
  ExportButton,
  FilterButton,
  List,
  Loading,
  TopToolbar,
  useListContext,
  usePermissions,
  useStore,
  useTranslate,
} from 'react-admin';
import { useCodeNames } from '../codeNames';
import { useUnitNames } from '../dashboard/labels';
import { useLiveRefresh } from '../liveRefresh';
import { session, type SessionUser } from '../session';
import { BulkForwardButton } from './BulkForwardButton';
import { caseExporter, EXPORT_PAGE } from './caseExport';
import { CaseFilterSidebar, defaultListView, useCaseFilters } from './caseFilters';
import { InboxShortcuts, ShortcutsHelp } from './InboxShortcuts';
import { isOverdue, TimeLeft } from './SlaCountdown';
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
  description: string;
}

/** Whether the case list shows its filter sidebar; remembered, as a clerk sets it once. */
const SIDEBAR_KEY = 'civicflow.cases.sidebar';

/** The description's first non-empty line: what the resident wrote first, for the list's one line. */
export function firstLine(text: string | null | undefined): string {
  return (
    (text ?? '')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .find((line) => line.length > 0) ?? ''
  );
}

/** One line per cell, cut with an ellipsis: the rows stay compact whatever the text. */
const oneLine = (maxWidth: number) => ({
  display: 'block',
  maxWidth,
  overflow: 'hidden',
  textOverflow: 'ellipsis',
  whiteSpace: 'nowrap',
});

const SidebarToggle = () => {
  const [open, setOpen] = useStore<boolean>(SIDEBAR_KEY, true);
  return (
    <Button
      label={open ? 'civicflow.case.hide_filters' : 'civicflow.case.show_filters'}
      onClick={() => setOpen(!open)}
      aria-pressed={open}
      data-testid="toggle-filter-sidebar"
    >
      {open ? <FilterListOffIcon /> : <FilterListIcon />}
    </Button>
  );
};

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
      <SidebarToggle />
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
  const [sidebarOpen] = useStore<boolean>(SIDEBAR_KEY, true);
  const table = useRef<HTMLDivElement>(null);
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
      aside={sidebarOpen ? <CaseFilterSidebar role={role} unitCode={unitCode} /> : undefined}
    >
      <LiveList />
      <InboxShortcuts table={table} />
      <ShortcutsHelp />
      <Box
        ref={table}
        sx={{
          // Narrow cells so every column, the time left last, fits 1366 pixels next to the menu.
          '& td': { whiteSpace: 'nowrap' },
          '& td, & th': { px: 1 },
          '& tbody tr[data-highlighted="true"]': {
            outline: '2px solid',
            outlineColor: 'primary.main',
            outlineOffset: '-2px',
          },
        }}
      >
        <DataTable
          size="small"
          rowClick="show"
          bulkActionButtons={mayForward ? <BulkForwardButton /> : false}
          rowSx={(record: ListedCase) =>
            isOverdue(record) ? { backgroundColor: 'rgba(211, 47, 47, 0.06)' } : {}
          }
        >
          <DataTable.Col
            source="number"
            render={(record: ListedCase & { number: string }) => record.number}
          />
          <DataTable.Col
            source="description"
            disableSort
            render={(record: ListedCase) => {
              const line = firstLine(record.description);
              return (
                <Box component="span" title={record.description} sx={oneLine(180)} data-description-line>
                  {line}
                </Box>
              );
            }}
          />
          <DataTable.Col source="createdAt">
            <DateField source="createdAt" showTime options={SHORT_DATE} />
          </DataTable.Col>
          <DataTable.Col
            source="status"
            render={(record) => translate(`civicflow.status.${record.status}`)}
          />
          <DataTable.Col
            source="eventCode"
            disableSort
            render={(record: ListedCase) => {
              const name = record.eventCode
                ? names.event(record.eventCode)
                : translate(`civicflow.kind.${record.kind}`);
              return (
                <Box component="span" title={name} sx={oneLine(140)}>
                  {name}
                </Box>
              );
            }}
          />
          {role !== 'UNIT_STAFF' && (
            <DataTable.Col
              source="unitCode"
              render={(record: ListedCase) => (
                <Box component="span" title={names.unit(record.unitCode)} sx={oneLine(140)}>
                  {names.unit(record.unitCode)}
                </Box>
              )}
            />
          )}
          <DataTable.Col source="district" />
          <DataTable.Col
            source="resolutionDueAt"
            label="civicflow.case.time_left"
            render={(record: ListedCase) => <TimeLeft record={record} />}
          />
        </DataTable>
      </Box>
    </List>
  );
};
