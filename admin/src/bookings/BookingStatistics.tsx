import { DataTable, DateInput, List, NumberField, ReferenceInput, SelectInput } from 'react-admin';
import { addDays, warsawToday } from '../../../domain/bookings/slots';

/** Per office and service: bookings, who came, no-shows and how far ahead residents book. */
export const BookingStatisticsList = () => {
  const today = warsawToday(new Date());
  const filters = [
    <DateInput key="from" source="from" alwaysOn />,
    <DateInput key="to" source="to" alwaysOn />,
    <ReferenceInput key="officeId" source="officeId" reference="booking-offices">
      <SelectInput optionText="name" label="resources.booking-statistics.fields.officeName" />
    </ReferenceInput>,
  ];
  return (
    <List
      filters={filters}
      filterDefaultValues={{ from: addDays(today, -30), to: today }}
      sort={{ field: 'officeName', order: 'ASC' }}
      perPage={100}
    >
      <DataTable rowClick={false} bulkActionButtons={false}>
        <DataTable.Col source="officeName" />
        <DataTable.Col source="serviceName" />
        <DataTable.Col source="bookings">
          <NumberField source="bookings" />
        </DataTable.Col>
        <DataTable.Col source="checkedIn" disableSort>
          <NumberField source="checkedIn" />
        </DataTable.Col>
        <DataTable.Col source="noShows" disableSort>
          <NumberField source="noShows" />
        </DataTable.Col>
        <DataTable.Col source="cancelled" disableSort>
          <NumberField source="cancelled" />
        </DataTable.Col>
        <DataTable.Col source="expiredHolds" disableSort>
          <NumberField source="expiredHolds" />
        </DataTable.Col>
        <DataTable.Col source="noShowRate">
          <NumberField
            source="noShowRate"
            options={{ style: 'percent', maximumFractionDigits: 1 }}
            emptyText="—"
          />
        </DataTable.Col>
        <DataTable.Col source="averageLeadHours" disableSort>
          <NumberField source="averageLeadHours" emptyText="—" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
};
