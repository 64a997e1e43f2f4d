import Chip from '@mui/material/Chip';
import {
  CreateButton,
  DataTable,
  DateField,
  DeleteButton,
  FilterButton,
  List,
  SearchInput,
  SelectInput,
  TopToolbar,
  useGetList,
  useTranslate,
} from 'react-admin';
import { useKindChoices, useStateChoices } from './choices';

interface AnnouncementRow {
  id: string;
  kind: string;
  title: { pl: string; en: string };
  districts: string[];
  validTo: string | null;
  state: 'current' | 'scheduled' | 'expired' | 'draft';
}

const STATE_COLOURS = {
  current: 'success',
  scheduled: 'info',
  expired: 'default',
  draft: 'warning',
} as const;

const DistrictFilter = (props: { source: string }) => {
  const { data = [] } = useGetList<{ id: string; name: string }>('districts', {
    pagination: { page: 1, perPage: 500 },
    sort: { field: 'name', order: 'ASC' },
  });
  return <SelectInput {...props} choices={data} />;
};

/** Current, scheduled, expired and unpublished announcements; the current ones first by default. */
export const AnnouncementList = () => {
  const translate = useTranslate();
  const filters = [
    <SearchInput key="q" source="q" alwaysOn placeholder={translate('ra.action.search')} />,
    <SelectInput key="state" source="state" choices={useStateChoices()} alwaysOn />,
    <SelectInput key="kind" source="kind" choices={useKindChoices()} />,
    <DistrictFilter key="district" source="district" />,
  ];
  return (
    <List
      filters={filters}
      filterDefaultValues={{ state: 'current' }}
      sort={{ field: 'validFrom', order: 'DESC' }}
      perPage={50}
      actions={
        <TopToolbar>
          <FilterButton />
          <CreateButton />
        </TopToolbar>
      }
    >
      <DataTable rowClick="edit" bulkActionButtons={false}>
        <DataTable.Col
          source="kind"
          render={(record: AnnouncementRow) => translate(`civicflow.announcements.kind.${record.kind}`)}
        />
        <DataTable.Col source="title.pl" disableSort />
        <DataTable.Col
          source="districts"
          disableSort
          render={(record: AnnouncementRow) =>
            record.districts.length
              ? record.districts.join(', ')
              : translate('civicflow.announcements.whole_city')
          }
        />
        <DataTable.Col source="validFrom">
          <DateField source="validFrom" showTime />
        </DataTable.Col>
        <DataTable.Col
          source="validTo"
          render={(record: AnnouncementRow) =>
            record.validTo ? (
              <DateField source="validTo" showTime />
            ) : (
              translate('civicflow.announcements.until_withdrawn')
            )
          }
        />
        <DataTable.Col
          source="state"
          disableSort
          render={(record: AnnouncementRow) => (
            <Chip
              size="small"
              color={STATE_COLOURS[record.state]}
              label={translate(`civicflow.announcements.state.${record.state}`)}
            />
          )}
        />
        <DataTable.Col source="updatedBy" disableSort />
        <DataTable.Col>
          <DeleteButton mutationMode="pessimistic" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
};
