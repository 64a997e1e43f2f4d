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

export const SLA_STATES = ['ON_TRACK', 'AT_RISK', 'BREACHED', 'PAUSED', 'MET'] as const;
export type SlaState = (typeof SLA_STATES)[number];

export const CHANNELS = ['PHONE', 'PORTAL', 'MOBILE', 'EMAIL', 'CHAT', 'OPEN311'] as const;
export type Channel = (typeof CHANNELS)[number];

export const PRIORITIES = ['low', 'normal', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];
