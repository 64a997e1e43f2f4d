import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import { refusalOf, type Actor } from '../domain/cases/case-actions';
import { FINAL_STATUSES } from '../domain/cases/case-states';
import {
  caseActionUpdate,
  caseStateQuery,
  residentMessageSignal,
  unitSystemStatusSignal,
  type CaseActionRequest,
  type CaseSettings,
  type CaseWorkflowInput,
  type CaseWorkflowState,
  type ResidentMessage,
  type UnitSystemStatus,
} from './case.messages';
import { CaseKindAttribute, CaseStatusAttribute, UnitCodeAttribute } from './search-attributes';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

/** The unit's own system may be down for hours: keep retrying with backoff for a day. */
const connector = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  scheduleToCloseTimeout: '1 day',
  retry: { initialInterval: '5 seconds', maximumInterval: '10 minutes', backoffCoefficient: 2 },
});

/**
 * Mail must never hold a case up: notifications run beside the case's progress, retry for a day
 * while the mail relay is down, and are awaited only before the workflow completes. One attempt
 * may take `mailAttemptTimeoutSeconds` (a minute unless configured; cases started before the
 * setting existed keep the minute): a mail in flight on a worker that died is retried after it.
 */
function mailActivities(settings: CaseSettings) {
  return proxyActivities<Activities>({
    startToCloseTimeout: `${settings.mailAttemptTimeoutSeconds ?? 60} seconds`,
    scheduleToCloseTimeout: '1 day',
    retry: { initialInterval: '5 seconds', maximumInterval: '15 minutes', backoffCoefficient: 2 },
  });
}

const SYSTEM: Actor = { id: 'system', name: 'civicflow', role: 'SYSTEM', unitCode: null };
const RESIDENT: Actor = { id: 'resident', name: 'resident', role: 'RESIDENT', unitCode: null };

type ClerkOrModelClassification = Omit<Awaited<ReturnType<Activities['classifyCase']>>, 'source'> & {
  source: Awaited<ReturnType<Activities['classifyCase']>>['source'] | 'CLERK';
};

/** Continue as new well before Temporal's history limits; a case can live for weeks of updates. */
const DEFAULT_HISTORY_LIMIT = 4000;

function initialState(input: CaseWorkflowInput): CaseWorkflowState {
  return {
    caseId: input.caseId,
    number: input.number,
    kind: input.kind ?? 'INCIDENT',
    status: 'NEW',
    eventCode: input.eventCode,
    priority: input.priority,
    unitCode: null,
    district: input.district,
    language: input.language,
    classificationConfidence: null,
    version: 1,
    statusBeforeWaiting: null,
    resolvedAt: null,
    slaState: null,
    escalationLevel: 0,
    sla: null,
    duplicateCandidateId: null,
    mergedInto: null,
  };
}

const actorLabel = (actor: Actor) =>
  actor.role === 'SYSTEM' || actor.role === 'RESIDENT' ? actor.id : `user:${actor.id}`;

/**
 * One case from intake to closure. The workflow owns the case's state: it classifies, looks for a
 * duplicate, routes, keeps the SLA clock, takes clerks', units' and residents' actions, and
 * projects every transition into PostgreSQL with an event for the timeline.
 */
export async function caseWorkflow(input: CaseWorkflowInput): Promise<CaseWorkflowState> {
  const settings = input.settings;
  const mail = mailActivities(settings);
  const state: CaseWorkflowState = input.carriedState ?? initialState(input);
  const inbox: (
    { type: 'resident'; message: ResidentMessage } | { type: 'unit-system'; status: UnitSystemStatus }
  )[] = [];
  // Bumped whenever a handler changes what the main loop waits for (status, SLA clock).
  let changes = 0;
  // Work that runs beside the case (mail, the unit's own system), awaited before the run ends.
  const mailing = new Set<Promise<unknown>>();

  function notifyResident(request: Parameters<typeof mail.notifyResident>[0]): void {
    track(mail.notifyResident(request));
  }
  function notifyStaff(request: Parameters<typeof mail.notifyStaff>[0]): void {
    track(mail.notifyStaff(request));
  }
  function track(sending: Promise<unknown>): void {
    // A notification that failed for a day is given up: the case's timeline still has the event.
    const settled = sending.catch(() => undefined).finally(() => mailing.delete(settled));
    mailing.add(settled);
  }

  setHandler(caseStateQuery, () => state);

  /** Records a transition: a new version, its projection and event, and the search attributes. */
  async function commit(
    type: string,
    actor: Actor,
    details: { note?: string | null; isPublic?: boolean; payload?: Record<string, unknown> } = {},
  ): Promise<string> {
    state.version += 1;
    changes += 1;
    const key = `v${state.version}`;
    upsertSearchAttributes([
      { key: CaseStatusAttribute, value: state.status },
      { key: CaseKindAttribute, value: state.kind },
      ...(state.unitCode ? [{ key: UnitCodeAttribute, value: state.unitCode }] : []),
    ]);
    await acts.projectCase({
      state: { ...state, sla: state.sla ? { ...state.sla, thresholds: [...state.sla.thresholds] } : null },
      event: {
        key,
        type,
        actor: actorLabel(actor),
        actorRole: actor.role,
        note: details.note ?? null,
        isPublic: details.isPublic ?? true,
        payload: details.payload,
      },
      at: new Date().toISOString(),
    });
    return key;
  }

  /** A transition the resident hears about: its event, then the mail with the same note. */
  async function commitAndNotify(
    type: string,
    template: 'INFO_REQUESTED' | 'RESOLVED' | 'ANSWERED' | 'MERGED' | 'CANCELLED',
    actor: Actor,
    details: { note?: string | null; payload?: Record<string, unknown> },
  ): Promise<void> {
    const key = await commit(type, actor, details);
    notifyResident({ caseId: state.caseId, eventKey: key, template, note: details.note });
  }

  async function startSla(): Promise<void> {
    state.sla = await acts.startSlaClock({
      eventCode: state.eventCode,
      priority: state.priority,
      startedAt: new Date().toISOString(),
    });
    state.slaState = 'ON_TRACK';
    state.escalationLevel = 0;
  }

  /** Hands the case to a unit: SLA clock, the unit's people, and the unit's own system if it has one. */
  async function forwardTo(
    unitCode: string,
    actor: Actor,
    type: string,
    note?: string | null,
  ): Promise<void> {
    state.status = 'FORWARDED';
    state.unitCode = unitCode;
    await startSla();
    const key = await commit(type, actor, {
      note,
      payload: { unitCode, resolutionDueAt: state.sla?.resolutionDueAt },
    });
    notifyStaff({ caseId: state.caseId, eventKey: key, template: 'FORWARDED' });
    // The unit's system may be down for hours; the case is with the unit already, so do not wait.
    const forwarding = state.version;
    track(
      connector.sendCaseToUnitSystem({ caseId: state.caseId, unitCode, forwarding }).then(
        (result) =>
          result.sent
            ? commit('SENT_TO_UNIT_SYSTEM', SYSTEM, { isPublic: false, payload: { unitCode, forwarding } })
            : null,
        (error: unknown) =>
          commit('UNIT_SYSTEM_DELIVERY_FAILED', SYSTEM, {
            isPublic: false,
            payload: { unitCode, forwarding, error: error instanceof Error ? error.message : String(error) },
          }),
      ),
    );
  }

  /** Routing rules decide the unit; a case they cannot place waits for a clerk. */
  async function routeOrTriage(actor: Actor): Promise<void> {
    if (state.kind !== 'INCIDENT' && state.kind !== 'COMPLAINT') {
      state.status = 'TRIAGE';
      await commit('SENT_TO_TRIAGE', actor, {
        payload: { reason: `a ${state.kind} is answered by the contact center` },
      });
      return;
    }
    const decision = await acts.routeCase({ eventCode: state.eventCode, district: state.district });
    if (decision.routed) {
      await forwardTo(decision.unitCode, actor, 'ROUTED');
    } else {
      state.status = 'TRIAGE';
      state.unitCode = null;
      await commit('SENT_TO_TRIAGE', actor, { payload: { reason: decision.reason } });
    }
  }

  function pauseSla(): void {
    if (state.sla && !state.sla.pausedAt) {
      state.sla = { ...state.sla, pausedAt: new Date().toISOString() };
      state.slaState = 'PAUSED';
    }
  }

  async function resumeSla(): Promise<void> {
    if (state.sla?.pausedAt) {
      state.sla = await acts.resumeSlaClock({ clock: state.sla, resumedAt: new Date().toISOString() });
      state.slaState =
        state.escalationLevel > 0
          ? 'BREACHED'
          : state.sla.thresholds.some((t) => t.kind === 'WARN')
            ? 'ON_TRACK'
            : 'AT_RISK';
    }
  }

  function stopSla(): void {
    if (state.sla) {
      state.sla = { ...state.sla, thresholds: [], pausedAt: null };
      state.slaState = state.escalationLevel > 0 ? 'BREACHED' : 'MET';
    }
  }

  // ---- actions (updates) ----

  const validate = (request: CaseActionRequest): void => {
    const refusal = refusalOf(
      request.action,
      request.actor,
      {
        status: state.status,
        kind: state.kind,
        unitCode: state.unitCode,
        closedForReopenAt: state.resolvedAt,
      },
      { now: new Date(), reopenWindowMinutes: settings.reopenWindowMinutes },
    );
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
        const { kind, eventCode, priority, note } = request.input;
        const changed = kind !== state.kind || eventCode !== state.eventCode;
        state.kind = kind;
        state.eventCode = eventCode;
        if (priority) state.priority = priority;
        state.classificationConfidence = 1;
        await commit('CLASSIFIED', actor, {
          note,
          isPublic: false,
          payload: { kind, eventCode, priority: state.priority },
        });
        if (changed) {
          await acts.recordClassificationCorrection({
            caseId: state.caseId,
            kind,
            eventCode,
            correctedBy: actor.id,
          });
        }
        if (state.status !== 'FORWARDED' || changed) await routeOrTriage(actor);
        break;
      }
      case 'forward':
        await forwardTo(request.input.unitCode, actor, 'FORWARDED', request.input.note);
        break;
      case 'accept':
        state.status = 'IN_PROGRESS';
        if (state.sla) state.sla = { ...state.sla, firstResponseMet: true };
        await commit('ACCEPTED', actor, { note: request.input.note });
        break;
      case 'request-info': {
        state.statusBeforeWaiting = state.status;
        state.status = 'WAITING_FOR_RESIDENT';
        pauseSla();
        await commitAndNotify('INFO_REQUESTED', 'INFO_REQUESTED', actor, { note: request.input.note });
        break;
      }
      case 'resolve': {
        state.status = 'RESOLVED';
        state.resolvedAt = new Date().toISOString();
        await resumeSla();
        stopSla();
        await commitAndNotify('RESOLVED', 'RESOLVED', actor, { note: request.input.note });
        break;
      }
      case 'answer': {
        state.status = 'ANSWERED';
        state.resolvedAt = new Date().toISOString();
        stopSla();
        await commitAndNotify('ANSWERED', 'ANSWERED', actor, { note: request.input.note });
        break;
      }
      case 'return':
        // The unit does not own it: a clerk decides where it goes; routing rules learn nothing silently.
        state.status = 'TRIAGE';
        state.sla = null;
        state.slaState = null;
        state.escalationLevel = 0;
        await commit('RETURNED', actor, {
          note: request.input.note,
          isPublic: false,
          payload: { fromUnit: state.unitCode },
        });
        state.unitCode = null;
        await commit('SENT_TO_TRIAGE', SYSTEM, { payload: { reason: 'returned by the unit' } });
        break;
      case 'reopen': {
        const wasAnswered = state.status === 'ANSWERED';
        state.resolvedAt = null;
        state.escalationLevel = 0;
        const key = await (async () => {
          if (wasAnswered || !state.unitCode) {
            state.status = 'TRIAGE';
            state.sla = null;
            state.slaState = null;
            return commit('REOPENED', actor, { note: request.input.note });
          }
          state.status = 'FORWARDED';
          await startSla();
          return commit('REOPENED', actor, {
            note: request.input.note,
            payload: { unitCode: state.unitCode },
          });
        })();
        notifyResident({
          caseId: state.caseId,
          eventKey: key,
          template: 'REOPENED',
          note: request.input.note,
        });
        if (state.status === 'FORWARDED')
          notifyStaff({ caseId: state.caseId, eventKey: key, template: 'FORWARDED' });
        break;
      }
      case 'merge': {
        state.status = 'MERGED';
        state.mergedInto = request.input.parentCaseId;
        stopSla();
        await commitAndNotify('MERGED', 'MERGED', actor, {
          note: request.input.note,
          payload: { parentCaseId: request.input.parentCaseId },
        });
        break;
      }
      case 'cancel': {
        state.status = 'CANCELLED';
        stopSla();
        await commitAndNotify('CANCELLED', 'CANCELLED', actor, { note: request.input.note });
        break;
      }
      case 'comment':
        await commit('COMMENTED', actor, {
          note: request.input.note,
          isPublic: request.input.isPublic ?? false,
        });
        break;
    }
    return state;
  }

  setHandler(caseActionUpdate, perform, { validator: validate });

  setHandler(residentMessageSignal, (message) => {
    inbox.push({ type: 'resident', message });
  });
  setHandler(unitSystemStatusSignal, (status) => {
    inbox.push({ type: 'unit-system', status });
  });

  async function handleInbox(): Promise<void> {
    while (inbox.length > 0) {
      const item = inbox.shift()!;
      if (item.type === 'resident') {
        if (FINAL_STATUSES.includes(state.status)) continue;
        const waiting = state.status === 'WAITING_FOR_RESIDENT';
        if (waiting) {
          state.status = state.statusBeforeWaiting ?? 'TRIAGE';
          state.statusBeforeWaiting = null;
          await resumeSla();
        }
        await commit('RESIDENT_MESSAGE', RESIDENT, {
          note: item.message.message,
          payload: { messageId: item.message.messageId, resumed: waiting },
        });
      } else {
        const unitActor: Actor = {
          id: `unit-system:${state.unitCode}`,
          name: `${state.unitCode} system`,
          role: 'UNIT_STAFF',
          unitCode: state.unitCode,
        };
        const action = ({ ACCEPTED: 'accept', RESOLVED: 'resolve', REJECTED: 'return' } as const)[
          item.status.status
        ];
        const note = item.status.note ?? `${item.status.status.toLowerCase()} in the unit's system`;
        const request = { action, actor: unitActor, input: { note } } as CaseActionRequest;
        const refused = refusalOf(
          request.action,
          unitActor,
          {
            status: state.status,
            kind: state.kind,
            unitCode: state.unitCode,
            closedForReopenAt: state.resolvedAt,
          },
          { now: new Date(), reopenWindowMinutes: settings.reopenWindowMinutes },
        );
        if (refused) {
          await commit('UNIT_SYSTEM_STATUS_IGNORED', SYSTEM, {
            isPublic: false,
            payload: { ...item.status, reason: refused.message },
          });
        } else {
          await perform(request);
        }
      }
    }
  }

  // ---- SLA and closing timers ----

  function nextDeadline(): { at: number; what: 'SLA' | 'CLOSE' } | null {
    if ((state.status === 'RESOLVED' || state.status === 'ANSWERED') && state.resolvedAt) {
      return {
        at: new Date(state.resolvedAt).getTime() + settings.reopenWindowMinutes * 60_000,
        what: 'CLOSE',
      };
    }
    const next = state.sla && !state.sla.pausedAt ? state.sla.thresholds[0] : undefined;
    return next ? { at: new Date(next.at).getTime(), what: 'SLA' } : null;
  }

  async function onDeadline(what: 'SLA' | 'CLOSE'): Promise<void> {
    if (what === 'CLOSE') {
      state.status = 'CLOSED';
      const key = await commit('CLOSED', SYSTEM);
      notifyResident({ caseId: state.caseId, eventKey: key, template: 'CLOSED' });
      return;
    }
    const [threshold, ...rest] = state.sla!.thresholds;
    state.sla = { ...state.sla!, thresholds: rest };
    if (threshold.kind === 'WARN') {
      state.slaState = 'AT_RISK';
      const key = await commit('SLA_AT_RISK', SYSTEM, {
        isPublic: false,
        payload: { percent: threshold.percent },
      });
      notifyStaff({ caseId: state.caseId, eventKey: key, template: 'SLA_WARNING' });
    } else {
      state.slaState = 'BREACHED';
      state.escalationLevel = threshold.level;
      const key = await commit(threshold.level === 1 ? 'SLA_BREACHED' : 'SLA_ESCALATED', SYSTEM, {
        isPublic: false,
        payload: { level: threshold.level, percent: threshold.percent },
      });
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
    state.status = 'ANSWERED';
    state.resolvedAt = new Date().toISOString();
    await commitAndNotify('ANSWERED', 'ANSWERED', answer.actor, {
      note: answer.text,
      payload: { onIntake: true },
    });
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
    if (duplicate) {
      state.duplicateCandidateId = duplicate.caseId;
      await commit('DUPLICATE_SUSPECTED', SYSTEM, { isPublic: false, payload: duplicate });
    }

    if (confident) {
      await routeOrTriage(SYSTEM);
    } else {
      state.status = 'TRIAGE';
      await commit('SENT_TO_TRIAGE', SYSTEM, {
        payload: {
          reason: `classifier confidence ${confidence.toFixed(2)} is below ${settings.triageThreshold}`,
        },
      });
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
    const confident = classification.confidence >= settings.triageThreshold;
    state.kind = classification.kind;
    // A guess below the threshold stays a suggestion in the event's payload; a clerk decides.
    state.eventCode = confident ? classification.eventCode : input.eventCode;
    state.priority = confident ? classification.priority : state.priority;
    state.classificationConfidence = classification.confidence;
    await commit('CLASSIFIED', clerk ?? SYSTEM, {
      isPublic: false,
      payload: { ...classification, confident, threshold: settings.triageThreshold },
    });
    if (input.answeredOnIntake) await answerOnIntake(input.answeredOnIntake);
    else await acknowledgeAndRoute(classification.confidence, confident);
  }

  // ---- waiting ----

  while (!FINAL_STATUSES.includes(state.status)) {
    const deadline = nextDeadline();
    const seen = changes;
    // A timer of zero would not fire as a timeout: a deadline already passed waits one millisecond.
    const timeout = deadline ? Math.max(1, deadline.at - Date.now()) : undefined;
    const woken = await condition(
      () => inbox.length > 0 || changes !== seen || FINAL_STATUSES.includes(state.status),
      timeout,
    );
    if (inbox.length > 0) await handleInbox();
    else if (!woken && deadline && changes === seen) await onDeadline(deadline.what);

    if (
      workflowInfo().continueAsNewSuggested ||
      workflowInfo().historyLength > (settings.historyLimit ?? DEFAULT_HISTORY_LIMIT)
    ) {
      await condition(allHandlersFinished);
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
