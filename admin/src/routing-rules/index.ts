import AltRouteIcon from '@mui/icons-material/AltRoute';
import { RoutingRuleCreate, RoutingRuleEdit } from './RoutingRuleForms';
import { RoutingRuleList } from './RoutingRuleList';

export const routingRules = {
  list: RoutingRuleList,
  edit: RoutingRuleEdit,
  create: RoutingRuleCreate,
  icon: AltRouteIcon,
};
