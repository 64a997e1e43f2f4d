import CategoryIcon from '@mui/icons-material/Category';
import ReportProblemIcon from '@mui/icons-material/ReportProblem';
import { SubcategoryCreate, SubcategoryEdit } from './SubcategoryForms';
import { SubcategoryList } from './SubcategoryList';
import { TaxonomyEventCreate, TaxonomyEventEdit } from './TaxonomyEventForms';
import { TaxonomyEventList } from './TaxonomyEventList';

export const subcategories = {
  list: SubcategoryList,
  edit: SubcategoryEdit,
  create: SubcategoryCreate,
  icon: CategoryIcon,
};

export const taxonomyEvents = {
  list: TaxonomyEventList,
  edit: TaxonomyEventEdit,
  create: TaxonomyEventCreate,
  icon: ReportProblemIcon,
};
