import { condition, proxyActivities, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { FINAL_STATUSES } from '../domain/cases/case-states';
import { caseStateQuery, type CaseWorkflowInput, type CaseWorkflowState } from './case.messages';
import { CaseStatusAttribute, UnitCodeAttribute } from './search-attributes';

const { routeCase, projectCase } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

/**
 * One case from intake to closure. The workflow owns the case's state; every transition is
 * projected into PostgreSQL for the back office and the resident's tracking page.
 */
export async function caseWorkflow(input: CaseWorkflowInput): Promise<CaseWorkflowState> {
  const state: CaseWorkflowState = {
    caseId: input.caseId,
    number: input.number,
    status: 'NEW',
    unitCode: null,
    eventCode: input.eventCode,
    version: 1,
  };
  setHandler(caseStateQuery, () => state);

  const decision = await routeCase({ eventCode: input.eventCode, district: input.district });
  state.version += 1;
  if (decision.routed) {
    state.status = 'FORWARDED';
    state.unitCode = decision.unitCode;
  } else {
    state.status = 'TRIAGE';
  }
  upsertSearchAttributes([
    { key: CaseStatusAttribute, value: state.status },
    ...(state.unitCode ? [{ key: UnitCodeAttribute, value: state.unitCode }] : []),
  ]);
  await projectCase({
    caseId: state.caseId,
    version: state.version,
    changes: { status: state.status, unitCode: state.unitCode },
    event: {
      key: `v${state.version}`,
      type: decision.routed ? 'ROUTED' : 'SENT_TO_TRIAGE',
      actor: 'system',
      isPublic: true,
      payload: decision.routed ? { unitCode: decision.unitCode } : { reason: decision.reason },
    },
    at: new Date().toISOString(),
  });

  await condition(() => FINAL_STATUSES.includes(state.status));
  return state;
}
