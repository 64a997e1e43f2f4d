import { lazy } from 'react';
import CategoryIcon from '@mui/icons-material/Category';
import ReportProblemIcon from '@mui/icons-material/ReportProblem';

const SubcategoryCreate = lazy(() =>
  import('./SubcategoryForms').then((m) => ({ default: m.SubcategoryCreate })),
);
const SubcategoryEdit = lazy(() =>
  import('./SubcategoryForms').then((m) => ({ default: m.SubcategoryEdit })),
);
const SubcategoryList = lazy(() => import('./SubcategoryList').then((m) => ({ default: m.SubcategoryList })));
const TaxonomyEventCreate = lazy(() =>
  import('./TaxonomyEventForms').then((m) => ({ default: m.TaxonomyEventCreate })),
);
const TaxonomyEventEdit = lazy(() =>
  import('./TaxonomyEventForms').then((m) => ({ default: m.TaxonomyEventEdit })),
);
const TaxonomyEventList = lazy(() =>
  import('./TaxonomyEventList').then((m) => ({ default: m.TaxonomyEventList })),
);

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
