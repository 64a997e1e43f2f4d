import { lazy } from 'react';
import KeyIcon from '@mui/icons-material/Key';

const Open311ClientCreate = lazy(() =>
  import('./Open311ClientCreate').then((m) => ({ default: m.Open311ClientCreate })),
);
const Open311ClientList = lazy(() =>
  import('./Open311ClientList').then((m) => ({ default: m.Open311ClientList })),
);

export const open311Clients = { list: Open311ClientList, create: Open311ClientCreate, icon: KeyIcon };
