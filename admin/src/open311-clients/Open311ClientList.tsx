import {
  BooleanField,
  DataTable,
  DateField,
  List,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
  useUpdate,
} from 'react-admin';
import Button from '@mui/material/Button';

const ToggleActive = () => {
  const record = useRecordContext<{ id: string; active: boolean }>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [update, { isPending }] = useUpdate();
  if (!record) return null;
  return (
    <Button
      size="small"
      disabled={isPending}
      onClick={(event) => {
        event.stopPropagation();
        void update(
          'open311-clients',
          { id: record.id, data: { active: !record.active }, previousData: record },
          {
            onSuccess: () => refresh(),
            onError: (error) => notify((error as Error).message, { type: 'error' }),
          },
        );
      }}
    >
      {translate(record.active ? 'civicflow.open311.deactivate' : 'civicflow.open311.activate')}
    </Button>
  );
};

export const Open311ClientList = () => (
  <List sort={{ field: 'name', order: 'ASC' }}>
    <DataTable rowClick={false}>
      <DataTable.Col source="name" />
      <DataTable.Col source="active">
        <BooleanField source="active" />
      </DataTable.Col>
      <DataTable.Col source="createdAt">
        <DateField source="createdAt" showTime />
      </DataTable.Col>
      <DataTable.Col source="lastUsedAt">
        <DateField source="lastUsedAt" showTime emptyText="—" />
      </DataTable.Col>
      <DataTable.Col>
        <ToggleActive />
      </DataTable.Col>
    </DataTable>
  </List>
);
