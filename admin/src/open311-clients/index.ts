import KeyIcon from '@mui/icons-material/Key';
import { Open311ClientCreate } from './Open311ClientCreate';
import { Open311ClientList } from './Open311ClientList';

export const open311Clients = { list: Open311ClientList, create: Open311ClientCreate, icon: KeyIcon };
