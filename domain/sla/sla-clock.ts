/**
 * The SLA clock a case carries while a unit owes it an answer, and the SLA state shown for it. The
 * state follows what happened to the clock (started, paused, a threshold passed, stopped), not the
 * time of asking: a case is AT_RISK once its warning has fired and BREACHED once it has escalated,
 * whatever percent its policy escalates at. The clock's instants come from `sla-deadlines.ts`
 * (through the SLA activities); everything here is pure, so the case workflow can use it.
 */
import type { SlaState } from '../cases/case-states';

/** One threshold of the clock: the warning (level 0), then each escalation level. */
export interface SlaThreshold {
  kind: 'WARN' | 'ESCALATE';
  level: number;
  percent: number;
  at: string;
}

export interface SlaClock {
  policyId: number;
  calendar: 'BUSINESS' | 'ALWAYS';
  startedAt: string;
  firstResponseDueAt: string;
  resolutionDueAt: string;
  /** Thresholds still ahead, in time order: the warning, then each escalation level. */
  thresholds: SlaThreshold[];
  firstResponseMet: boolean;
  pausedAt: string | null;
}

/** The SLA part of a case's state: the clock, the state shown for it, the escalation level reached. */
export interface SlaTrack {
  sla: SlaClock | null;
  slaState: SlaState | null;
  escalationLevel: number;
}

/** A clock just started: nothing has fired yet. */
export function startedSla(clock: SlaClock): SlaTrack {
  return { sla: clock, slaState: 'ON_TRACK', escalationLevel: 0 };
}

/** No clock at all: the case is with nobody who owes it an answer (triage). */
export const NO_SLA: Pick<SlaTrack, 'sla' | 'slaState'> = { sla: null, slaState: null };

/** The clock stops while the case waits for the resident; a clock already stopped stays as it was. */
export function pausedSla(track: SlaTrack, now: Date): Pick<SlaTrack, 'sla' | 'slaState'> {
  if (!track.sla || track.sla.pausedAt) return { sla: track.sla, slaState: track.slaState };
  return { sla: { ...track.sla, pausedAt: now.toISOString() }, slaState: 'PAUSED' };
}

/**
 * The state of a clock running again after a pause: a breach stays a breach; otherwise the case is
 * at risk once its warning has fired (it is no longer among the thresholds ahead).
 */
export function resumedSlaState(clock: SlaClock, escalationLevel: number): SlaState {
  if (escalationLevel > 0) return 'BREACHED';
  return clock.thresholds.some((t) => t.kind === 'WARN') ? 'ON_TRACK' : 'AT_RISK';
}

/** The case is done with: no thresholds left, and it either met its SLA or breached it. */
export function stoppedSla(track: SlaTrack): Pick<SlaTrack, 'sla' | 'slaState'> {
  if (!track.sla) return { sla: track.sla, slaState: track.slaState };
  return {
    sla: { ...track.sla, thresholds: [], pausedAt: null },
    slaState: track.escalationLevel > 0 ? 'BREACHED' : 'MET',
  };
}

/** When the clock's next threshold fires (epoch milliseconds); none while it is stopped or paused. */
export function nextThresholdAt(clock: SlaClock | null): number | null {
  const next = clock && !clock.pausedAt ? clock.thresholds[0] : undefined;
  return next ? new Date(next.at).getTime() : null;
}

/** The clock after its next threshold fired, and that threshold: the warning or an escalation. */
export function passedThreshold(track: SlaTrack & { sla: SlaClock }): {
  track: SlaTrack;
  threshold: SlaThreshold;
} {
  const [threshold, ...rest] = track.sla.thresholds;
  const sla = { ...track.sla, thresholds: rest };
  return threshold.kind === 'WARN'
    ? { threshold, track: { sla, slaState: 'AT_RISK', escalationLevel: track.escalationLevel } }
    : { threshold, track: { sla, slaState: 'BREACHED', escalationLevel: threshold.level } };
}
