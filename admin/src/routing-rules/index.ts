import { lazy } from 'react';
import AltRouteIcon from '@mui/icons-material/AltRoute';

const RoutingRuleCreate = lazy(() =>
  import('./RoutingRuleForms').then((m) => ({ default: m.RoutingRuleCreate })),
);
const RoutingRuleEdit = lazy(() =>
  import('./RoutingRuleForms').then((m) => ({ default: m.RoutingRuleEdit })),
);
const RoutingRuleList = lazy(() => import('./RoutingRuleList').then((m) => ({ default: m.RoutingRuleList })));

export const routingRules = {
  list: RoutingRuleList,
  edit: RoutingRuleEdit,
  create: RoutingRuleCreate,
  icon: AltRouteIcon,
};
