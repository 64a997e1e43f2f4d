/**
 * What each step of a case's life does to its state, and the event that records it: the pure half
 * of the case workflow. The workflow does the other half (activities, mail, timers) and applies
 * these steps in between, so a step that waits for an activity comes in two parts (the state
 * before the activity, the event after it). Nothing here reads a clock: callers pass `now`.
 */
import {
  NO_SLA,
  nextThresholdAt,
  passedThreshold,
  pausedSla,
  stoppedSla,
  type SlaClock,
  type SlaTrack,
} from '../sla/sla-clock';
import {
  SYSTEM_ACTOR,
  RESIDENT_ACTOR,
  type Actor,
  type CaseFacts,
  type ClassifyInput,
  type MergeInput,
} from './case-actions';
import type { CaseEventTypeName } from './case-events';
import type { CaseKind, CaseStatus, Priority, SlaState } from './case-states';

/** The state of one case as its workflow keeps it (and projects it into the read model). */
export interface CaseState {
  caseId: string;
  number: string;
  kind: CaseKind;
  status: CaseStatus;
  eventCode: string | null;
  priority: Priority;
  unitCode: string | null;
  district: string | null;
  language: string;
  classificationConfidence: number | null;
  /** Grows by one with every transition; the read model keeps the highest it has seen. */
  version: number;
  /** Where a case waiting for the resident goes back to when the resident answers. */
  statusBeforeWaiting: CaseStatus | null;
  resolvedAt: string | null;
  slaState: SlaState | null;
  escalationLevel: number;
  sla: SlaClock | null;
  duplicateCandidateId: string | null;
  mergedInto: string | null;
}

/** An event of the case's timeline, before the workflow gives it its key. */
export interface CaseEventSpec {
  type: CaseEventTypeName;
  actor: Actor;
  note?: string | null;
  /** Shown to the resident; true unless said otherwise. */
  isPublic?: boolean;
  payload?: Record<string, unknown>;
}

/** A transition: the fields of the state it changes, and the event that records it. */
export interface CaseStep {
  set: Partial<CaseState>;
  event: CaseEventSpec;
}

export function initialCaseState(input: {
  caseId: string;
  number: string;
  kind: CaseKind | null;
  eventCode: string | null;
  priority: Priority;
  district: string | null;
  language: string;
}): CaseState {
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

/** What the permission check of `case-actions.ts` needs to know of the case. */
export function caseFactsOf(state: CaseState): CaseFacts {
  return {
    status: state.status,
    kind: state.kind,
    unitCode: state.unitCode,
    closedForReopenAt: state.resolvedAt,
  };
}

// ---- actions ----

/**
 * A clerk's classification. A changed kind or event is a correction the classifier learns from,
 * and the case is routed again; so is a case that is not with a unit yet.
 */
export function reclassified(
  state: CaseState,
  input: ClassifyInput,
  actor: Actor,
): CaseStep & { changed: boolean; reroute: boolean } {
  const { kind, eventCode, note } = input;
  const changed = kind !== state.kind || eventCode !== state.eventCode;
  // A priority left out (or empty) keeps the case's.
  const priority = input.priority || state.priority;
  return {
    changed,
    reroute: state.status !== 'FORWARDED' || changed,
    set: { kind, eventCode, priority, classificationConfidence: 1 },
    event: { type: 'CLASSIFIED', actor, note, isPublic: false, payload: { kind, eventCode, priority } },
  };
}

export function accepted(state: CaseState, note: string | undefined, actor: Actor): CaseStep {
  return {
    set: { status: 'IN_PROGRESS', ...(state.sla ? { sla: { ...state.sla, firstResponseMet: true } } : {}) },
    event: { type: 'ACCEPTED', actor, note },
  };
}

/** Waiting for the resident pauses the SLA clock. */
export function infoRequested(state: CaseState, note: string, actor: Actor, now: Date): CaseStep {
  return {
    set: { statusBeforeWaiting: state.status, status: 'WAITING_FOR_RESIDENT', ...pausedSla(state, now) },
    event: { type: 'INFO_REQUESTED', actor, note },
  };
}

/** Resolving, before a paused SLA clock runs again (to be stopped by `resolved`). */
export function resolving(now: Date): Partial<CaseState> {
  return { status: 'RESOLVED', resolvedAt: now.toISOString() };
}

// Resolved, answered, merged or cancelled: the case is done with, so its SLA clock stops.

export function resolved(state: CaseState, note: string, actor: Actor): CaseStep {
  return { set: stoppedSla(state), event: { type: 'RESOLVED', actor, note } };
}

export function answered(state: CaseState, note: string, actor: Actor, now: Date): CaseStep {
  return {
    set: { status: 'ANSWERED', resolvedAt: now.toISOString(), ...stoppedSla(state) },
    event: { type: 'ANSWERED', actor, note },
  };
}

export function merged(state: CaseState, input: MergeInput, actor: Actor): CaseStep {
  return {
    set: { status: 'MERGED', mergedInto: input.parentCaseId, ...stoppedSla(state) },
    event: { type: 'MERGED', actor, note: input.note, payload: { parentCaseId: input.parentCaseId } },
  };
}

export function cancelled(state: CaseState, note: string, actor: Actor): CaseStep {
  return { set: { status: 'CANCELLED', ...stoppedSla(state) }, event: { type: 'CANCELLED', actor, note } };
}

/**
 * The unit does not own the case: a clerk decides where it goes, and routing rules learn nothing
 * silently. Two events: the unit's return (still naming the unit), then the case in triage.
 */
export function returnedByUnit(state: CaseState, note: string, actor: Actor): [CaseStep, CaseStep] {
  return [
    {
      set: { status: 'TRIAGE', ...NO_SLA, escalationLevel: 0 },
      event: { type: 'RETURNED', actor, note, isPublic: false, payload: { fromUnit: state.unitCode } },
    },
    {
      set: { unitCode: null },
      event: { type: 'SENT_TO_TRIAGE', actor: SYSTEM_ACTOR, payload: { reason: 'returned by the unit' } },
    },
  ];
}

/**
 * A reopened case goes back to its unit with a new SLA clock; an answered one (or one no unit had)
 * goes to triage.
 */
export function reopening(state: CaseState): { set: Partial<CaseState>; backToUnit: boolean } {
  const backToUnit = state.status !== 'ANSWERED' && Boolean(state.unitCode);
  return {
    backToUnit,
    set: {
      resolvedAt: null,
      escalationLevel: 0,
      ...(backToUnit ? { status: 'FORWARDED' } : { status: 'TRIAGE', ...NO_SLA }),
    },
  };
}

export function reopened(state: CaseState, backToUnit: boolean, note: string, actor: Actor): CaseEventSpec {
  return backToUnit
    ? { type: 'REOPENED', actor, note, payload: { unitCode: state.unitCode } }
    : { type: 'REOPENED', actor, note };
}

export function commented(input: { note: string; isPublic?: boolean }, actor: Actor): CaseEventSpec {
  return { type: 'COMMENTED', actor, note: input.note, isPublic: input.isPublic ?? false };
}

// ---- residents ----

/** A resident's message brings a case that waited for it back to where it was. */
export function residentReplying(state: CaseState): { set: Partial<CaseState>; resumed: boolean } {
  if (state.status !== 'WAITING_FOR_RESIDENT') return { set: {}, resumed: false };
  return { set: { status: state.statusBeforeWaiting ?? 'TRIAGE', statusBeforeWaiting: null }, resumed: true };
}

export function residentMessage(
  message: { message: string; messageId: string },
  resumed: boolean,
): CaseEventSpec {
  return {
    type: 'RESIDENT_MESSAGE',
    actor: RESIDENT_ACTOR,
    note: message.message,
    payload: { messageId: message.messageId, resumed },
  };
}

// ---- deadlines ----

/**
 * What the case waits for in time: a resolved or answered case closes when its reopen window
 * ends; any other follows its SLA clock's next threshold.
 */
export function nextDeadline(
  state: CaseState,
  reopenWindowMinutes: number,
): { at: number; what: 'SLA' | 'CLOSE' } | null {
  if ((state.status === 'RESOLVED' || state.status === 'ANSWERED') && state.resolvedAt) {
    return { at: new Date(state.resolvedAt).getTime() + reopenWindowMinutes * 60_000, what: 'CLOSE' };
  }
  const at = nextThresholdAt(state.sla);
  return at === null ? null : { at, what: 'SLA' };
}

export function closed(): CaseStep {
  return { set: { status: 'CLOSED' }, event: { type: 'CLOSED', actor: SYSTEM_ACTOR } };
}

/** The SLA clock's next threshold fired: the case is at risk, breached, or escalated further. */
export function slaThresholdPassed(track: SlaTrack & { sla: SlaClock }): CaseStep & {
  threshold: { kind: 'WARN' | 'ESCALATE'; level: number; percent: number };
} {
  const { track: next, threshold } = passedThreshold(track);
  const event: CaseEventSpec =
    threshold.kind === 'WARN'
      ? { type: 'SLA_AT_RISK', actor: SYSTEM_ACTOR, isPublic: false, payload: { percent: threshold.percent } }
      : {
          type: threshold.level === 1 ? 'SLA_BREACHED' : 'SLA_ESCALATED',
          actor: SYSTEM_ACTOR,
          isPublic: false,
          payload: { level: threshold.level, percent: threshold.percent },
        };
  return { set: next, event, threshold };
}
