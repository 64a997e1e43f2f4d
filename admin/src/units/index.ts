import { lazy } from 'react';
import ApartmentIcon from '@mui/icons-material/Apartment';

const UnitCreate = lazy(() => import('./UnitForms').then((m) => ({ default: m.UnitCreate })));
const UnitEdit = lazy(() => import('./UnitForms').then((m) => ({ default: m.UnitEdit })));
const UnitList = lazy(() => import('./UnitList').then((m) => ({ default: m.UnitList })));

export const units = { list: UnitList, edit: UnitEdit, create: UnitCreate, icon: ApartmentIcon };
