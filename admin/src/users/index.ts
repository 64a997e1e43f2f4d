import { lazy } from 'react';
import PeopleIcon from '@mui/icons-material/People';

const UserCreate = lazy(() => import('./UserCreate').then((m) => ({ default: m.UserCreate })));
const UserEdit = lazy(() => import('./UserEdit').then((m) => ({ default: m.UserEdit })));
const UserList = lazy(() => import('./UserList').then((m) => ({ default: m.UserList })));

export const users = { list: UserList, edit: UserEdit, create: UserCreate, icon: PeopleIcon };
