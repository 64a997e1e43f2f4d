import { apiJson, withQuery } from '../http';

/** Where a new case of an event and district would go, by the same routing code as the workflow's. */
export interface RoutingPreview {
  routed: boolean;
  unitCode: string | null;
  ruleId: number | null;
  reason: string | null;
}

/** The routing rules' methods of the data provider (dataProvider.ts); the rules are a resource. */
export const routingMethods = {
  routingPreview: (query: { eventCode?: string; district?: string }) =>
    apiJson<RoutingPreview>(withQuery('/api/routing-rules/preview', query)),
};
