/**
 * The events of a case's timeline (table case_events, column type): the workflow records one with
 * every transition, intake, chat and rating add their own. Stored rows keep these names, so change
 * one only with a migration of stored data (and the back office's and portal's labels of it).
 *
 * Not to be confused with the reference entity `CaseEventType` of db/, which lists the taxonomy's
 * event codes (`POTHOLE`), the "what happened" of an incident.
 */
export const CASE_EVENT_TYPES = [
  'CREATED',
  'CLASSIFIED',
  'DUPLICATE_SUSPECTED',
  'SENT_TO_TRIAGE',
  'ROUTED',
  'FORWARDED',
  'SENT_TO_UNIT_SYSTEM',
  'UNIT_SYSTEM_DELIVERY_FAILED',
  'UNIT_SYSTEM_STATUS_IGNORED',
  'ACCEPTED',
  'INFO_REQUESTED',
  'RESIDENT_MESSAGE',
  'RESOLVED',
  'ANSWERED',
  'RETURNED',
  'REOPENED',
  'MERGED',
  'CANCELLED',
  'COMMENTED',
  'CLOSED',
  'CHAT_TRANSCRIPT',
  'RATED',
  'SLA_AT_RISK',
  'SLA_BREACHED',
  'SLA_ESCALATED',
] as const;
export type CaseEventTypeName = (typeof CASE_EVENT_TYPES)[number];

/**
 * Events that hand a case to a unit. A unit keeps seeing the cases it was ever handed (see the case
 * access rules), so both kinds of handing over count: a routing rule's and a clerk's.
 */
export const UNIT_HANDOVER_EVENTS = ['ROUTED', 'FORWARDED'] as const satisfies readonly CaseEventTypeName[];
