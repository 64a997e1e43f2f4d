import {
  CreateButton,
  DataTable,
  DeleteButton,
  FilterButton,
  List,
  SelectInput,
  TopToolbar,
  usePermissions,
  useTranslate,
} from 'react-admin';
import { BusinessHoursEditor } from './BusinessHoursEditor';
import { StatutoryHolidays } from './StatutoryHolidays';
import { useDayKindChoices } from './dayKinds';

/** ISO weekday (1 = Monday) of a `YYYY-MM-DD` date; noon UTC is that date in every time zone near Warsaw. */
export const isoWeekdayOf = (date: string): number => new Date(`${date}T12:00:00Z`).getUTCDay() || 7;

/**
 * The business calendar on one page: the weekly office hours, the days the city closes or opens
 * unlike the week (per year), and the year's statutory holidays beside them.
 */
export const CalendarDayList = () => {
  const translate = useTranslate();
  const { permissions } = usePermissions<string>();
  const canWrite = permissions === 'ADMIN';
  const thisYear = new Date().getFullYear();
  const years = [thisYear - 1, thisYear, thisYear + 1, thisYear + 2].map((year) => ({
    id: year,
    name: String(year),
  }));
  const filters = [
    <SelectInput key="year" source="year" choices={years} alwaysOn />,
    <SelectInput key="kind" source="kind" choices={useDayKindChoices()} />,
  ];
  return (
    <>
      <BusinessHoursEditor />
      <List
        title="civicflow.businessCalendar.title"
        filters={filters}
        filterDefaultValues={{ year: thisYear }}
        sort={{ field: 'date', order: 'ASC' }}
        perPage={50}
        aside={<StatutoryHolidays />}
        actions={
          <TopToolbar>
            <FilterButton />
            {canWrite && <CreateButton />}
          </TopToolbar>
        }
        empty={false}
      >
        <DataTable rowClick={canWrite ? 'edit' : false} bulkActionButtons={false}>
          <DataTable.Col source="date" />
          <DataTable.Col
            source="weekday"
            disableSort
            render={(record) => translate(`civicflow.businessCalendar.weekdays.${isoWeekdayOf(record.date)}`)}
          />
          <DataTable.Col
            source="kind"
            render={(record) => translate(`civicflow.businessCalendar.kind.${record.kind}`)}
          />
          <DataTable.Col source="name" />
          <DataTable.Col
            source="hours"
            disableSort
            render={(record) => (record.opens ? `${record.opens}–${record.closes}` : '—')}
          />
          {canWrite && (
            <DataTable.Col>
              <DeleteButton mutationMode="pessimistic" />
            </DataTable.Col>
          )}
        </DataTable>
      </List>
    </>
  );
};
