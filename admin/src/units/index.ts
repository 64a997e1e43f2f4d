import ApartmentIcon from '@mui/icons-material/Apartment';
import { UnitList } from './UnitList';

export const units = { list: UnitList, icon: ApartmentIcon };
