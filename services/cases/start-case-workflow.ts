import type { Client } from '@temporalio/client';
import type { Config } from '../../config/config';
import type { Orm } from '../../db/orm';
import { Case, CaseEvent } from '../../db/entities';
import type { Actor } from '../../domain/cases/case-actions';
import { caseWorkflowId } from '../../domain/cases/case-number';
import { CASE_WORKFLOW_TYPE, type CaseSettings, type CaseWorkflowInput } from '../../workflows/case.messages';
import {
  CaseKindAttribute,
  CaseNumberAttribute,
  CaseStatusAttribute,
} from '../../workflows/search-attributes';

const START_DEADLINE_MS = 5000;

export interface StartCaseDeps {
  orm: Orm;
  temporal: Client;
  taskQueue: string;
  settings: CaseSettings;
  /** Where intake reports what it could not do at once (the app's logger). */
  log?: (message: string) => void;
}

export function caseSettings(config: Config): CaseSettings {
  return {
    triageThreshold: config.cases.triageThreshold,
    reopenWindowMinutes: config.cases.reopenWindowMinutes,
    duplicateRadiusMeters: config.cases.duplicateRadiusMeters,
    duplicateWindowDays: config.cases.duplicateWindowDays,
    historyLimit: config.cases.historyLimit,
    mailAttemptTimeoutSeconds: config.mail.attemptTimeoutSeconds,
  };
}

export function caseWorkflowInput(row: Case, settings: CaseSettings): CaseWorkflowInput {
  return {
    caseId: row.id,
    number: row.number,
    kind: row.kind,
    channel: row.channel,
    eventCode: row.eventCode ?? null,
    district: row.district ?? null,
    lat: row.lat === null || row.lat === undefined ? null : Number(row.lat),
    lon: row.lon === null || row.lon === undefined ? null : Number(row.lon),
    priority: row.priority,
    language: row.language,
    settings,
    acceptedAt: row.createdAt.toISOString(),
  };
}

/**
 * What intake said beyond the case row, from the case's CREATED event: the same input whether the
 * API starts the workflow at once or the reconciler does after a crash. A kind recorded as null
 * (e-mail, a chat message left without one) was never asked: the stored kind is a placeholder and
 * the classifier decides. A clerk recording the case (a phone call) classified and maybe answered it.
 */
async function intakeDetailsOf(
  deps: StartCaseDeps,
  row: Case,
): Promise<Partial<Pick<CaseWorkflowInput, 'kind' | 'recordedBy' | 'answeredOnIntake'>>> {
  const created = await deps.orm.em.fork().findOne(CaseEvent, { caseId: row.id, eventKey: 'v1' });
  const payload = (created?.payload ?? {}) as {
    kind?: CaseWorkflowInput['kind'];
    recordedBy?: Actor;
    answeredOnIntake?: { text: string };
  };
  const kind = payload.kind === null ? { kind: null } : {};
  if (!payload.recordedBy) return kind;
  return {
    ...kind,
    recordedBy: payload.recordedBy,
    ...(payload.answeredOnIntake
      ? { answeredOnIntake: { text: payload.answeredOnIntake.text, actor: payload.recordedBy } }
      : {}),
  };
}

/**
 * Starts the case's workflow, or finds it already started: the workflow id derives from the case
 * id and a closed workflow is never started again, so calling this twice is harmless.
 */
export async function startCaseWorkflow(deps: StartCaseDeps, row: Case): Promise<void> {
  const intakeDetails = await intakeDetailsOf(deps, row);
  const start = () =>
    deps.temporal.workflow.start(CASE_WORKFLOW_TYPE, {
      workflowId: caseWorkflowId(row.id),
      taskQueue: deps.taskQueue,
      args: [{ ...caseWorkflowInput(row, deps.settings), ...intakeDetails }],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: [
        { key: CaseNumberAttribute, value: row.number },
        { key: CaseKindAttribute, value: row.kind },
        { key: CaseStatusAttribute, value: row.status },
      ],
    });
  try {
    // Bounded: a resident waits for this answer; when Temporal is slow, the reconciler finishes the job.
    await deps.temporal.connection.withDeadline(Date.now() + START_DEADLINE_MS, start);
  } catch (error) {
    // REJECT_DUPLICATE: the workflow ran and finished; the case is in good hands already.
    if (!(error instanceof Error && error.name === 'WorkflowExecutionAlreadyStartedError')) throw error;
  }
  await deps.orm.em
    .fork()
    .nativeUpdate(Case, { id: row.id, workflowStartedAt: null }, { workflowStartedAt: new Date() });
}
