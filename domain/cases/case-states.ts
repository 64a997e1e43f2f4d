/**
 * The contract of a case: kinds, statuses, SLA states, channels and priorities. The back office,
 * the public API, the workflow and the tests all use these names; change them only with a
 * migration of stored data.
 */
export const CASE_KINDS = ['INCIDENT', 'INFORMATION', 'SUGGESTION', 'COMPLAINT'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export const CASE_STATUSES = [
  'NEW',
  'TRIAGE',
  'FORWARDED',
  'IN_PROGRESS',
  'WAITING_FOR_RESIDENT',
  'RESOLVED',
  'ANSWERED',
  'CLOSED',
  'CANCELLED',
  'MERGED',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Statuses a case never leaves. */
export const FINAL_STATUSES: readonly CaseStatus[] = ['CLOSED', 'CANCELLED', 'MERGED'];

/**
 * Statuses in which a case still waits for someone, so its SLA clock may still run out: "open",
 * "overdue" and "past SLA" mean a case in one of these. A resolved or answered case may be reopened,
 * but until then nobody owes it anything. The partial indexes of
 * Migration20261129050000CaseChangeFeed list the same statuses: change both together.
 */
export const OPEN_STATUSES = [
  'NEW',
  'TRIAGE',
  'FORWARDED',
  'IN_PROGRESS',
  'WAITING_FOR_RESIDENT',
] as const satisfies readonly CaseStatus[];

export function isOpenStatus(status: string): boolean {
  return (OPEN_STATUSES as readonly string[]).includes(status);
}

export const SLA_STATES = ['ON_TRACK', 'AT_RISK', 'BREACHED', 'PAUSED', 'MET'] as const;
export type SlaState = (typeof SLA_STATES)[number];

export const CHANNELS = ['PHONE', 'PORTAL', 'MOBILE', 'EMAIL', 'CHAT', 'OPEN311'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Channels a resident's own app may claim; phone, e-mail, chat and Open311 have their own intake. */
export const PUBLIC_CHANNELS = ['PORTAL', 'MOBILE'] as const satisfies readonly Channel[];

export const PRIORITIES = ['low', 'normal', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];
