import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import { acceptVouchedSignal, refuseUnlessVouched, refuseUnvouchedUpdate } from './actor-proof';
import { refusalOf, SYSTEM_ACTOR, type Actor } from '../domain/cases/case-actions';
import { FINAL_STATUSES } from '../domain/cases/case-states';
import * as steps from '../domain/cases/case-transitions';
import * as intake from '../domain/cases/intake-routing';
import { acts, startCaseRun } from './case-run';
import {
  caseActionUpdate,
  caseStateQuery,
  residentMessageSignal,
  unitSystemStatusSignal,
  type CaseActionRequest,
  type CaseWorkflowInput,
  type CaseWorkflowState,
  type ResidentMessage,
  type UnitSystemStatus,
} from './case.messages';

type ClerkOrModelClassification = Omit<Awaited<ReturnType<Activities['classifyCase']>>, 'source'> & {
  source: Awaited<ReturnType<Activities['classifyCase']>>['source'] | 'CLERK';
};

/** Continue as new well before Temporal's history limits; a case can live for weeks of updates. */
const DEFAULT_HISTORY_LIMIT = 4000;

/**
 * Runs that recorded this marker keep their SLA clock and inbox going while they wait to continue
 * as new for mail still retrying; earlier histories stopped the loop for it (and replay so).
 */
const CONTINUE_BESIDE_MAIL_PATCH = 'continue-as-new-beside-mail';

/** What a signal said, without the API's proof of who sent it (no business of the timeline). */
const withoutProof = <T extends { actorProof?: unknown }>({ actorProof: _proof, ...fields }: T) => fields;

/**
 * One case from intake to closure. The workflow owns the case's state: it classifies, looks for a
 * duplicate, routes, keeps the SLA clock, takes clerks', units' and residents' actions, and
 * projects every transition into PostgreSQL with an event for the timeline.
 */
export async function caseWorkflow(input: CaseWorkflowInput): Promise<CaseWorkflowState> {
  const settings = input.settings;
  const run = startCaseRun(input);
  const { state, mailing, commit, take, takeAndNotify, notifyResident, notifyStaff } = run;
  const { startSla, resumeSla, forwardTo, routeOrTriage } = run;
  const inbox: (
    { type: 'resident'; message: ResidentMessage } | { type: 'unit-system'; status: UnitSystemStatus }
  )[] = [];

  setHandler(caseStateQuery, () => state);

  // ---- actions (updates) ----

  const validate = (request: CaseActionRequest): void => {
    const refusal = refusalOf(request.action, request.actor, steps.caseFactsOf(state), {
      now: new Date(),
      reopenWindowMinutes: settings.reopenWindowMinutes,
    });
    if (refusal) throw ApplicationFailure.nonRetryable(refusal.message, refusal.code);
    if (request.action === 'merge' && request.input.parentCaseId === state.caseId) {
      throw ApplicationFailure.nonRetryable('a case cannot be merged into itself', 'INVALID_TRANSITION');
    }
  };

  async function perform(request: CaseActionRequest): Promise<CaseWorkflowState> {
    // Validators run before the handler, but a concurrent update may have moved the case since.
    validate(request);
    const { actor } = request;
    switch (request.action) {
      case 'classify': {
        const step = steps.reclassified(state, request.input, actor);
        await take(step);
        if (step.changed) {
          await acts.recordClassificationCorrection({
            caseId: state.caseId,
            kind: request.input.kind,
            eventCode: request.input.eventCode,
            correctedBy: actor.id,
          });
        }
        if (step.reroute) await routeOrTriage(actor);
        break;
      }
      case 'forward':
        await forwardTo(request.input.unitCode, actor, 'FORWARDED', request.input.note);
        break;
      case 'accept':
        await take(steps.accepted(state, request.input.note, actor));
        break;
      case 'request-info':
        await takeAndNotify(
          steps.infoRequested(state, request.input.note, actor, new Date()),
          'INFO_REQUESTED',
        );
        break;
      case 'resolve':
        Object.assign(state, steps.resolving(new Date()));
        await resumeSla();
        await takeAndNotify(steps.resolved(state, request.input.note, actor), 'RESOLVED');
        break;
      case 'answer':
        await takeAndNotify(steps.answered(state, request.input.note, actor, new Date()), 'ANSWERED');
        break;
      case 'return': {
        const [returned, toTriage] = steps.returnedByUnit(state, request.input.note, actor);
        await take(returned);
        await take(toTriage);
        break;
      }
      case 'reopen': {
        const { note } = request.input;
        const { set, backToUnit } = steps.reopening(state);
        Object.assign(state, set);
        // An async function returning the commit, as it always was: the ticks before the mail below
        // decide its place among concurrent handlers' commands, which recorded histories replay.
        const key = await (async () => {
          if (!backToUnit) return commit(steps.reopened(state, false, note, actor));
          await startSla();
          return commit(steps.reopened(state, true, note, actor));
        })();
        notifyResident({ caseId: state.caseId, eventKey: key, template: 'REOPENED', note });
        if (state.status === 'FORWARDED')
          notifyStaff({ caseId: state.caseId, eventKey: key, template: 'FORWARDED' });
        break;
      }
      case 'merge':
        await takeAndNotify(steps.merged(state, request.input, actor), 'MERGED');
        break;
      case 'cancel':
        await takeAndNotify(steps.cancelled(state, request.input.note, actor), 'CANCELLED');
        break;
      case 'comment':
        await commit(steps.commented(request.input, actor));
        break;
    }
    return state;
  }

  setHandler(
    caseActionUpdate,
    async (request) => {
      await refuseUnlessVouched(caseActionUpdate.name, request);
      return perform(request);
    },
    {
      validator: (request) => {
        refuseUnvouchedUpdate(request);
        validate(request);
      },
    },
  );

  setHandler(residentMessageSignal, (message) => {
    inbox.push({ type: 'resident', message });
  });
  setHandler(unitSystemStatusSignal, (status) => {
    inbox.push({ type: 'unit-system', status });
  });

  async function handleInbox(): Promise<void> {
    while (inbox.length > 0) {
      const item = inbox.shift()!;
      const vouched =
        item.type === 'resident'
          ? await acceptVouchedSignal(residentMessageSignal.name, item.message)
          : await acceptVouchedSignal(unitSystemStatusSignal.name, item.status);
      if (!vouched) continue;
      if (item.type === 'resident') {
        if (FINAL_STATUSES.includes(state.status)) continue;
        const { set, resumed } = steps.residentReplying(state);
        if (resumed) {
          Object.assign(state, set);
          await resumeSla();
        }
        await commit(steps.residentMessage(item.message, resumed));
      } else {
        const unitActor = intake.unitSystemActor(state.unitCode);
        const action = intake.UNIT_SYSTEM_ACTIONS[item.status.status];
        const request = {
          action,
          actor: unitActor,
          input: { note: intake.unitSystemNote(item.status) },
        } as CaseActionRequest;
        const refused = refusalOf(request.action, unitActor, steps.caseFactsOf(state), {
          now: new Date(),
          reopenWindowMinutes: settings.reopenWindowMinutes,
        });
        if (refused) {
          await commit(intake.unitSystemStatusIgnored(withoutProof(item.status), refused.message));
        } else {
          await perform(request);
        }
      }
    }
  }

  // ---- SLA and closing timers ----

  async function onDeadline(what: 'SLA' | 'CLOSE'): Promise<void> {
    if (what === 'CLOSE') {
      const key = await take(steps.closed());
      notifyResident({ caseId: state.caseId, eventKey: key, template: 'CLOSED' });
      return;
    }
    const step = steps.slaThresholdPassed({ ...state, sla: state.sla! });
    const key = await take(step);
    const { threshold } = step;
    if (threshold.kind === 'WARN') {
      notifyStaff({ caseId: state.caseId, eventKey: key, template: 'SLA_WARNING' });
    } else {
      notifyStaff({
        caseId: state.caseId,
        eventKey: key,
        template: threshold.level === 1 ? 'SLA_BREACHED' : 'SLA_ESCALATED',
        level: threshold.level,
      });
    }
  }

  // ---- intake: classify, look for a duplicate, route ----

  /** Answered during the call: one mail with the answer, no acknowledgement, nothing to route. */
  async function answerOnIntake(answer: { text: string; actor: Actor }): Promise<void> {
    await takeAndNotify(intake.answeredAtIntake(answer, new Date()), 'ANSWERED');
  }

  async function acknowledgeAndRoute(confidence: number, confident: boolean): Promise<void> {
    notifyResident({ caseId: state.caseId, eventKey: 'acknowledged', template: 'ACKNOWLEDGED' });

    const duplicate = await acts.findDuplicateCandidate({
      caseId: state.caseId,
      eventCode: state.eventCode,
      lat: input.lat,
      lon: input.lon,
      radiusMeters: settings.duplicateRadiusMeters,
      windowDays: settings.duplicateWindowDays,
    });
    if (duplicate) await take(intake.duplicateSuspected(duplicate));

    if (confident) {
      // The unit's deadlines count from the case's acceptance, however long the case waited for a worker.
      await routeOrTriage(SYSTEM_ACTOR, input.acceptedAt);
    } else {
      await take(intake.uncertainClassification(confidence, settings.triageThreshold));
    }
  }

  if (!input.carriedState) {
    // Cases without a recording clerk take exactly the path (and commands) they always took.
    const clerk = input.recordedBy && input.kind ? input.recordedBy : null;
    const classification: ClerkOrModelClassification =
      clerk && input.kind
        ? {
            kind: input.kind,
            eventCode: input.eventCode,
            priority: input.priority,
            confidence: 1,
            source: 'CLERK',
            alternatives: [],
          }
        : await acts.classifyCase({
            caseId: state.caseId,
            kind: input.kind,
            eventCode: input.eventCode,
          });
    const step = intake.classifiedAtIntake(state, classification, {
      threshold: settings.triageThreshold,
      askedEventCode: input.eventCode,
      actor: clerk ?? SYSTEM_ACTOR,
    });
    await take(step);
    if (input.answeredOnIntake) await answerOnIntake(input.answeredOnIntake);
    else await acknowledgeAndRoute(classification.confidence, step.confident);
  }

  // ---- waiting ----

  // Set once the run wants to continue as new but mail is still being retried beside it.
  let continueOnceIdle = false;
  while (!FINAL_STATUSES.includes(state.status)) {
    const deadline = steps.nextDeadline(state, settings.reopenWindowMinutes);
    const seen = run.changes;
    // A timer of zero would not fire as a timeout: a deadline already passed waits one millisecond.
    const timeout = deadline ? Math.max(1, deadline.at - Date.now()) : undefined;
    const woken = await condition(
      () =>
        inbox.length > 0 ||
        run.changes !== seen ||
        FINAL_STATUSES.includes(state.status) ||
        (continueOnceIdle && mailing.size === 0),
      timeout,
    );
    if (inbox.length > 0) await handleInbox();
    else if (!woken && deadline && run.changes === seen) await onDeadline(deadline.what);

    if (
      workflowInfo().continueAsNewSuggested ||
      workflowInfo().historyLength > (settings.historyLimit ?? DEFAULT_HISTORY_LIMIT)
    ) {
      await condition(allHandlersFinished);
      // A new run cannot take over running activities, and mail may retry for a day while the relay
      // is down: waiting for it here would hold the SLA warnings and escalations (and the inbox)
      // for as long. The case goes on in this run and continues as new once nothing runs beside it.
      if (mailing.size > 0 && patched(CONTINUE_BESIDE_MAIL_PATCH)) {
        continueOnceIdle = true;
        continue;
      }
      await Promise.all(mailing);
      if (inbox.length === 0 && !FINAL_STATUSES.includes(state.status)) {
        await continueAsNew<typeof caseWorkflow>({ ...input, carriedState: state });
      }
    }
  }
  await condition(allHandlersFinished);
  await Promise.all(mailing);
  return state;
}
