import { OPEN_STATUSES, type CaseKind, type CaseStatus, type Priority } from './case-states';

/**
 * The actions people take on a case, which status each is allowed in, who may take it, and where
 * it leads. The workflow's update validators, the back-office API (409 for a refused transition)
 * and the back office's buttons all ask this one module.
 */
export const CASE_ACTIONS = [
  'classify',
  'forward',
  'accept',
  'request-info',
  'resolve',
  'return',
  'reopen',
  'merge',
  'answer',
  'cancel',
  'comment',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export type ActorRole = 'ADMIN' | 'CLERK' | 'UNIT_STAFF' | 'MANAGER' | 'RESIDENT' | 'SYSTEM';

export interface Actor {
  /** User id, `resident` or `system`. */
  id: string;
  name: string;
  role: ActorRole;
  unitCode: string | null;
}

/** The workflow itself, as the actor of what nobody asked for (routing, SLA, closing). */
export const SYSTEM_ACTOR: Actor = { id: 'system', name: 'civicflow', role: 'SYSTEM', unitCode: null };
/** Any resident: the tracking token, not an account, says which case is theirs. */
export const RESIDENT_ACTOR: Actor = { id: 'resident', name: 'resident', role: 'RESIDENT', unitCode: null };

/** What the permission check needs to know of the case. */
export interface CaseFacts {
  status: CaseStatus;
  kind: CaseKind;
  unitCode: string | null;
  /** When the case was resolved or answered; the reopen window counts from here. */
  closedForReopenAt: string | null;
}

/** Where a clerk may still act: every open status but NEW (see ALLOWED_IN). */
const OPEN_FOR_CLERK: CaseStatus[] = OPEN_STATUSES.filter((status) => status !== 'NEW');

/**
 * Statuses in which each action may be taken. NEW lasts only while the workflow classifies and
 * routes the case at intake: nobody acts on it until that is done.
 */
export const ALLOWED_IN: Record<CaseAction, readonly CaseStatus[]> = {
  classify: ['TRIAGE', 'FORWARDED'],
  forward: ['TRIAGE', 'FORWARDED', 'IN_PROGRESS'],
  accept: ['FORWARDED'],
  'request-info': ['TRIAGE', 'FORWARDED', 'IN_PROGRESS'],
  resolve: ['FORWARDED', 'IN_PROGRESS', 'WAITING_FOR_RESIDENT'],
  return: ['FORWARDED', 'IN_PROGRESS', 'WAITING_FOR_RESIDENT'],
  reopen: ['RESOLVED', 'ANSWERED'],
  merge: OPEN_FOR_CLERK,
  answer: ['TRIAGE', 'WAITING_FOR_RESIDENT'],
  cancel: OPEN_FOR_CLERK,
  comment: [...OPEN_FOR_CLERK, 'RESOLVED', 'ANSWERED'],
};

/** Roles that may take each action (unit staff only on cases of their own unit). */
const ROLES: Record<CaseAction, readonly ActorRole[]> = {
  classify: ['CLERK', 'ADMIN'],
  forward: ['CLERK', 'ADMIN'],
  accept: ['UNIT_STAFF'],
  'request-info': ['CLERK', 'ADMIN', 'UNIT_STAFF'],
  resolve: ['UNIT_STAFF', 'CLERK', 'ADMIN'],
  return: ['UNIT_STAFF'],
  reopen: ['CLERK', 'ADMIN', 'RESIDENT'],
  merge: ['CLERK', 'ADMIN'],
  answer: ['CLERK', 'ADMIN'],
  cancel: ['CLERK', 'ADMIN'],
  comment: ['CLERK', 'ADMIN', 'UNIT_STAFF', 'MANAGER'],
};

/** Actions that are about the unit's own work: unit staff may take them only on their unit's cases. */
const UNIT_BOUND: readonly CaseAction[] = ['accept', 'request-info', 'resolve', 'return', 'comment'];

export type Refusal = { code: 'INVALID_TRANSITION' | 'FORBIDDEN'; message: string };

/** Whether the actor's role (and, for unit staff, unit) allows the action at all, whatever the state. */
export function roleRefusalOf(action: CaseAction, actor: Actor, caseUnitCode: string | null): Refusal | null {
  if (!ROLES[action].includes(actor.role)) {
    return { code: 'FORBIDDEN', message: `${actor.role} may not ${action} a case` };
  }
  // A staff account without a unit is bound to no case, not to every case without a unit.
  if (
    actor.role === 'UNIT_STAFF' &&
    UNIT_BOUND.includes(action) &&
    (actor.unitCode === null || actor.unitCode !== caseUnitCode)
  ) {
    return { code: 'FORBIDDEN', message: `the case is not with unit ${actor.unitCode ?? '(none)'}` };
  }
  return null;
}

export function refusalOf(
  action: CaseAction,
  actor: Actor,
  facts: CaseFacts,
  options: { now: Date; reopenWindowMinutes: number },
): Refusal | null {
  const byRole = roleRefusalOf(action, actor, facts.unitCode);
  if (byRole) return byRole;
  if (!ALLOWED_IN[action].includes(facts.status)) {
    return {
      code: 'INVALID_TRANSITION',
      message: `cannot ${action} a case in status ${facts.status}`,
    };
  }
  if (action === 'answer' && facts.kind === 'INCIDENT') {
    return { code: 'INVALID_TRANSITION', message: 'an INCIDENT is resolved by its unit, not answered' };
  }
  if (action === 'reopen' && facts.closedForReopenAt) {
    const closesAt = new Date(facts.closedForReopenAt).getTime() + options.reopenWindowMinutes * 60_000;
    if (options.now.getTime() > closesAt) {
      return { code: 'INVALID_TRANSITION', message: 'the reopen window of this case has passed' };
    }
  }
  return null;
}

/** The actions an actor may take now: the back office shows exactly these buttons. */
export function availableActions(
  actor: Actor,
  facts: CaseFacts,
  options: { now: Date; reopenWindowMinutes: number },
): CaseAction[] {
  return CASE_ACTIONS.filter((action) => refusalOf(action, actor, facts, options) === null);
}

/** Inputs of the actions; the API's zod schemas produce exactly these. */
export interface ClassifyInput {
  kind: CaseKind;
  eventCode: string | null;
  priority?: Priority;
  note?: string;
}
export interface ForwardInput {
  unitCode: string;
  note?: string;
}
export interface NoteInput {
  note: string;
}
export interface OptionalNoteInput {
  note?: string;
}
export interface MergeInput {
  parentCaseId: string;
  note?: string;
}
