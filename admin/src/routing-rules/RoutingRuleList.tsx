import Alert from '@mui/material/Alert';
import {
  BooleanField,
  BooleanInput,
  CreateButton,
  DataTable,
  DateField,
  ExportButton,
  FilterButton,
  List,
  TopToolbar,
  usePermissions,
  useTranslate,
} from 'react-admin';
import { useCodeNames } from '../codeNames';
import { DISTRICT_OFFICE, DistrictInput, EventInput, UnitOrDistrictOfficeInput } from './inputs';
import { RoutingPreview } from './RoutingPreview';

export const RoutingRuleList = () => {
  const translate = useTranslate();
  const names = useCodeNames();
  const { permissions } = usePermissions<string>();
  const canWrite = permissions === 'ADMIN';
  const filters = [
    <EventInput key="eventCode" source="eventCode" alwaysOn />,
    <DistrictInput key="district" source="district" alwaysOn />,
    <UnitOrDistrictOfficeInput key="unitCode" source="unitCode" />,
    <BooleanInput key="active" source="active" />,
  ];
  return (
    <>
      <List
        filters={filters}
        filterDefaultValues={{ active: true }}
        sort={{ field: 'id', order: 'ASC' }}
        perPage={50}
        actions={
          <TopToolbar>
            <FilterButton />
            {canWrite && <CreateButton />}
            <ExportButton />
          </TopToolbar>
        }
      >
        <Alert severity="info" sx={{ m: 1 }}>
          {translate('civicflow.routing.precedence')}
        </Alert>
        <DataTable rowClick={canWrite ? 'edit' : false} bulkActionButtons={false}>
          <DataTable.NumberCol source="id" />
          <DataTable.Col
            source="eventCode"
            render={(record) =>
              record.eventCode
                ? names.event(record.eventCode, true)
                : translate('civicflow.routing.any_event')
            }
          />
          <DataTable.Col
            source="district"
            render={(record) => record.district ?? translate('civicflow.routing.any_district')}
          />
          <DataTable.Col
            source="unitCode"
            render={(record) =>
              record.unitCode === DISTRICT_OFFICE
                ? translate('civicflow.routing.district_office_name')
                : names.unit(record.unitCode)
            }
          />
          <DataTable.Col source="active">
            <BooleanField source="active" />
          </DataTable.Col>
          <DataTable.Col source="createdAt">
            <DateField source="createdAt" />
          </DataTable.Col>
        </DataTable>
      </List>
      <RoutingPreview />
    </>
  );
};
