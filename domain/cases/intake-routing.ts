/**
 * Intake, routing and the unit's own system: the steps of a case from its classification to a
 * unit (and that unit's system), in the form of `case-transitions.ts`.
 */
import { SYSTEM_ACTOR, type Actor } from './case-actions';
import type { CaseKind, Priority } from './case-states';
import type { CaseEventSpec, CaseState, CaseStep } from './case-transitions';

/** A classification as intake uses it: the classifier's (or a recording clerk's) answer. */
export type Classification = {
  kind: CaseKind;
  eventCode: string | null;
  priority: Priority;
  confidence: number;
};

// ---- intake ----

/**
 * The first classification. A guess below the threshold stays a suggestion in the event's
 * payload (the event code the resident chose stays); a clerk decides.
 */
export function classifiedAtIntake(
  state: CaseState,
  classification: Classification,
  options: { threshold: number; askedEventCode: string | null; actor: Actor },
): CaseStep & { confident: boolean } {
  const confident = classification.confidence >= options.threshold;
  return {
    confident,
    set: {
      kind: classification.kind,
      eventCode: confident ? classification.eventCode : options.askedEventCode,
      priority: confident ? classification.priority : state.priority,
      classificationConfidence: classification.confidence,
    },
    event: {
      type: 'CLASSIFIED',
      actor: options.actor,
      isPublic: false,
      payload: { ...classification, confident, threshold: options.threshold },
    },
  };
}

export function duplicateSuspected(duplicate: { caseId: string; number: string; meters: number }): CaseStep {
  return {
    set: { duplicateCandidateId: duplicate.caseId },
    event: { type: 'DUPLICATE_SUSPECTED', actor: SYSTEM_ACTOR, isPublic: false, payload: duplicate },
  };
}

/** Answered during the call: nothing to route. */
export function answeredAtIntake(answer: { text: string; actor: Actor }, now: Date): CaseStep {
  return {
    set: { status: 'ANSWERED', resolvedAt: now.toISOString() },
    event: { type: 'ANSWERED', actor: answer.actor, note: answer.text, payload: { onIntake: true } },
  };
}

export function uncertainClassification(confidence: number, threshold: number): CaseStep {
  return {
    set: { status: 'TRIAGE' },
    event: {
      type: 'SENT_TO_TRIAGE',
      actor: SYSTEM_ACTOR,
      payload: { reason: `classifier confidence ${confidence.toFixed(2)} is below ${threshold}` },
    },
  };
}

// ---- routing ----

/** Incidents and complaints go to a unit; questions and suggestions are the contact center's. */
export function contactCenterCase(state: CaseState, actor: Actor): CaseStep | null {
  if (state.kind === 'INCIDENT' || state.kind === 'COMPLAINT') return null;
  return {
    set: { status: 'TRIAGE' },
    event: {
      type: 'SENT_TO_TRIAGE',
      actor,
      payload: { reason: `a ${state.kind} is answered by the contact center` },
    },
  };
}

/** No routing rule places the case: it waits for a clerk. */
export function unroutable(reason: string, actor: Actor): CaseStep {
  return {
    set: { status: 'TRIAGE', unitCode: null },
    event: { type: 'SENT_TO_TRIAGE', actor, payload: { reason } },
  };
}

/** Handing the case to a unit, before its SLA clock starts. */
export function handedTo(unitCode: string): Partial<CaseState> {
  return { status: 'FORWARDED', unitCode };
}

/** The event of handing over, once the SLA clock runs: by a routing rule or by a clerk. */
export function handedOver(
  type: 'ROUTED' | 'FORWARDED',
  actor: Actor,
  handover: { unitCode: string; resolutionDueAt: string | undefined; note?: string | null },
): CaseEventSpec {
  return {
    type,
    actor,
    note: handover.note,
    payload: { unitCode: handover.unitCode, resolutionDueAt: handover.resolutionDueAt },
  };
}

/** The unit's own system took the case (of the handing over numbered `forwarding`). */
export function sentToUnitSystem(unitCode: string, forwarding: number): CaseEventSpec {
  return {
    type: 'SENT_TO_UNIT_SYSTEM',
    actor: SYSTEM_ACTOR,
    isPublic: false,
    payload: { unitCode, forwarding },
  };
}

/** The unit's own system stayed unreachable for as long as the connector retried. */
export function unitSystemDeliveryFailed(unitCode: string, forwarding: number, error: string): CaseEventSpec {
  return {
    type: 'UNIT_SYSTEM_DELIVERY_FAILED',
    actor: SYSTEM_ACTOR,
    isPublic: false,
    payload: { unitCode, forwarding, error },
  };
}

// ---- the unit's own system ----

/** What a unit's own system may report of a case (its callback). */
export const UNIT_SYSTEM_STATUSES = ['ACCEPTED', 'RESOLVED', 'REJECTED'] as const;
export type UnitSystemStatusName = (typeof UNIT_SYSTEM_STATUSES)[number];

/** The action a status reported by the unit's own system stands for. */
export const UNIT_SYSTEM_ACTIONS = {
  ACCEPTED: 'accept',
  RESOLVED: 'resolve',
  REJECTED: 'return',
} as const satisfies Record<UnitSystemStatusName, string>;

/** The unit's own system acts as the unit's staff on the unit's case. */
export function unitSystemActor(unitCode: string | null): Actor {
  return { id: `unit-system:${unitCode}`, name: `${unitCode} system`, role: 'UNIT_STAFF', unitCode };
}

export function unitSystemNote(status: { status: UnitSystemStatusName; note?: string }): string {
  return status.note ?? `${status.status.toLowerCase()} in the unit's system`;
}

/** A status the case's state does not allow is kept in the timeline, not acted on. */
export function unitSystemStatusIgnored(status: Record<string, unknown>, reason: string): CaseEventSpec {
  return {
    type: 'UNIT_SYSTEM_STATUS_IGNORED',
    actor: SYSTEM_ACTOR,
    isPublic: false,
    payload: { ...status, reason },
  };
}
