import { CreateButton, DataTable, DateField, List, TopToolbar, useTranslate } from 'react-admin';
import { useCodeNames } from '../codeNames';

/** The cases recorded from calls, newest first, with the way to record the next one. */
export const CallList = () => {
  const translate = useTranslate();
  const names = useCodeNames();
  return (
    <List
      resource="cases"
      storeKey="calls.cases"
      filter={{ channel: 'PHONE' }}
      sort={{ field: 'createdAt', order: 'DESC' }}
      perPage={25}
      // The button to record a call must be there before the first call too.
      empty={false}
      title="civicflow.calls.recent"
      actions={
        <TopToolbar>
          <CreateButton resource="calls" label="civicflow.calls.new_call" variant="contained" />
        </TopToolbar>
      }
    >
      <DataTable rowClick="show">
        <DataTable.Col source="number" />
        <DataTable.Col source="kind" render={(record) => translate(`civicflow.kind.${record.kind}`)} />
        <DataTable.Col source="status" render={(record) => translate(`civicflow.status.${record.status}`)} />
        <DataTable.Col source="eventCode" render={(record) => names.event(record.eventCode)} />
        <DataTable.Col source="unitCode" render={(record) => names.unit(record.unitCode)} />
        <DataTable.Col source="district" />
        <DataTable.Col source="createdAt">
          <DateField source="createdAt" showTime />
        </DataTable.Col>
      </DataTable>
    </List>
  );
};
