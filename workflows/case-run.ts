/**
 * What one run of the case workflow does beside deciding: its state, the commits that project each
 * transition, the mail that runs beside the case, the SLA clock's activities and the handing over
 * to a unit. The decisions are `domain/`'s (case-transitions.ts, sla-clock.ts); what the case
 * waits for and how it reacts is `case.workflow.ts`'s.
 *
 * Every async function here keeps the shape it had inside the workflow (what it awaits, what it
 * returns): the order of commands of concurrent handlers depends on it, and recorded histories
 * replay that order.
 */
import { proxyActivities, upsertSearchAttributes } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { Actor } from '../domain/cases/case-actions';
import { initialCaseState, type CaseEventSpec, type CaseStep } from '../domain/cases/case-transitions';
import {
  contactCenterCase,
  handedOver,
  handedTo,
  sentToUnitSystem,
  unitSystemDeliveryFailed,
  unroutable,
} from '../domain/cases/intake-routing';
import { resumedSlaState, startedSla } from '../domain/sla/sla-clock';
import type { CaseSettings, CaseWorkflowInput, CaseWorkflowState } from './case.messages';
import { CaseKindAttribute, CaseStatusAttribute, UnitCodeAttribute } from './search-attributes';

export const acts = proxyActivities<Activities>({
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

const actorLabel = (actor: Actor) =>
  actor.role === 'SYSTEM' || actor.role === 'RESIDENT' ? actor.id : `user:${actor.id}`;

export type CaseRun = ReturnType<typeof startCaseRun>;

export function startCaseRun(input: CaseWorkflowInput) {
  const mail = mailActivities(input.settings);
  const state: CaseWorkflowState = input.carriedState ?? initialCaseState(input);
  const run = {
    state,
    /** Bumped whenever a handler changes what the main loop waits for (status, SLA clock). */
    changes: 0,
    /** Work that runs beside the case (mail, the unit's own system), awaited before the run ends. */
    mailing: new Set<Promise<unknown>>(),
    commit,
    take,
    takeAndNotify,
    notifyResident,
    notifyStaff,
    startSla,
    resumeSla,
    forwardTo,
    routeOrTriage,
  };

  function notifyResident(request: Parameters<typeof mail.notifyResident>[0]): void {
    track(mail.notifyResident(request));
  }
  function notifyStaff(request: Parameters<typeof mail.notifyStaff>[0]): void {
    track(mail.notifyStaff(request));
  }
  function track(sending: Promise<unknown>): void {
    // A notification that failed for a day is given up: the case's timeline still has the event.
    const settled = sending.catch(() => undefined).finally(() => run.mailing.delete(settled));
    run.mailing.add(settled);
  }

  /** Records a transition: a new version, its projection and event, and the search attributes. */
  async function commit(event: CaseEventSpec): Promise<string> {
    state.version += 1;
    run.changes += 1;
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
        type: event.type,
        actor: actorLabel(event.actor),
        actorRole: event.actor.role,
        note: event.note ?? null,
        isPublic: event.isPublic ?? true,
        payload: event.payload,
      },
      at: new Date().toISOString(),
    });
    return key;
  }

  /**
   * Takes a step: its changes of the state, then its event. Returns the commit's own promise (not
   * an async wrapper's), so awaiting it runs exactly as awaiting `commit`.
   */
  function take(step: CaseStep): Promise<string> {
    Object.assign(state, step.set);
    return commit(step.event);
  }

  /** A transition the resident hears about: its event, then the mail with the same note. */
  async function takeAndNotify(
    step: CaseStep,
    template: 'INFO_REQUESTED' | 'RESOLVED' | 'ANSWERED' | 'MERGED' | 'CANCELLED',
  ): Promise<void> {
    const key = await take(step);
    notifyResident({ caseId: state.caseId, eventKey: key, template, note: step.event.note });
  }

  /** `from`: when the clock started, if before now (the case's acceptance, for the routing at intake). */
  async function startSla(from?: string): Promise<void> {
    const clock = await acts.startSlaClock({
      eventCode: state.eventCode,
      priority: state.priority,
      startedAt: from ?? new Date().toISOString(),
    });
    Object.assign(state, startedSla(clock));
  }

  async function resumeSla(): Promise<void> {
    if (state.sla?.pausedAt) {
      state.sla = await acts.resumeSlaClock({ clock: state.sla, resumedAt: new Date().toISOString() });
      state.slaState = resumedSlaState(state.sla, state.escalationLevel);
    }
  }

  /** Hands the case to a unit: SLA clock, the unit's people, and the unit's own system if it has one. */
  async function forwardTo(
    unitCode: string,
    actor: Actor,
    type: 'ROUTED' | 'FORWARDED',
    note?: string | null,
    clockFrom?: string,
  ): Promise<void> {
    Object.assign(state, handedTo(unitCode));
    await startSla(clockFrom);
    const key = await commit(
      handedOver(type, actor, { unitCode, resolutionDueAt: state.sla?.resolutionDueAt, note }),
    );
    notifyStaff({ caseId: state.caseId, eventKey: key, template: 'FORWARDED' });
    // The unit's system may be down for hours; the case is with the unit already, so do not wait.
    const forwarding = state.version;
    track(
      connector.sendCaseToUnitSystem({ caseId: state.caseId, unitCode, forwarding }).then(
        (result) => (result.sent ? commit(sentToUnitSystem(unitCode, forwarding)) : null),
        (error: unknown) =>
          commit(
            unitSystemDeliveryFailed(
              unitCode,
              forwarding,
              error instanceof Error ? error.message : String(error),
            ),
          ),
      ),
    );
  }

  /**
   * Routing rules decide the unit; a case they cannot place waits for a clerk. `clockFrom`: when the
   * unit's SLA clock started (the case's acceptance at intake; a clerk's rerouting starts it now).
   */
  async function routeOrTriage(actor: Actor, clockFrom?: string): Promise<void> {
    const toContactCenter = contactCenterCase(state, actor);
    if (toContactCenter) {
      await take(toContactCenter);
      return;
    }
    const decision = await acts.routeCase({ eventCode: state.eventCode, district: state.district });
    if (decision.routed) {
      await forwardTo(decision.unitCode, actor, 'ROUTED', undefined, clockFrom);
    } else {
      await take(unroutable(decision.reason, actor));
    }
  }

  return run;
}
