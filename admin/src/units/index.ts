import ApartmentIcon from '@mui/icons-material/Apartment';
import { UnitCreate, UnitEdit } from './UnitForms';
import { UnitList } from './UnitList';

export const units = { list: UnitList, edit: UnitEdit, create: UnitCreate, icon: ApartmentIcon };
