/**
 * The message contract of the case workflow: its input, query, signals and update. This file has
 * no side effects, so the API imports it without loading workflow code. Wire names are stable:
 * renaming one breaks running cases.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  Actor,
  ClassifyInput,
  ForwardInput,
  MergeInput,
  NoteInput,
  OptionalNoteInput,
} from '../domain/cases/case-actions';
import type { CaseKind, Channel, Priority } from '../domain/cases/case-states';
import type { CaseState } from '../domain/cases/case-transitions';
import type { UnitSystemStatusName } from '../domain/cases/intake-routing';
import type { ActorProof, Vouched } from './actor-proof';

export const CASE_WORKFLOW_TYPE = 'caseWorkflow';

/** Durations of the case's life, fixed when the case starts so a running case keeps its rules. */
export interface CaseSettings {
  /** Below this classifier confidence the case goes to a clerk's triage queue. */
  triageThreshold: number;
  /** How long a resolved or answered case may be reopened before it closes. */
  reopenWindowMinutes: number;
  duplicateRadiusMeters: number;
  duplicateWindowDays: number;
  /** History events after which the run continues as new; absent in cases started before it existed. */
  historyLimit?: number;
  /** Seconds one mail attempt may take; absent in cases started before it existed (a minute). */
  mailAttemptTimeoutSeconds?: number;
}

export interface CaseWorkflowInput {
  caseId: string;
  number: string;
  /** Null when the channel does not ask (e-mail): the classifier decides. */
  kind: CaseKind | null;
  channel: Channel;
  eventCode: string | null;
  district: string | null;
  lat: number | null;
  lon: number | null;
  priority: Priority;
  language: string;
  settings: CaseSettings;
  /** Set when continuing as new: the state the previous run ended with. */
  carriedState?: CaseWorkflowState;
  /**
   * The clerk who recorded the case for the resident (a phone call): the clerk's kind and event
   * are the classification, no classifier is asked. Absent for cases residents filed themselves.
   */
  recordedBy?: Actor;
  /**
   * A question the clerk answered during the call: the case is answered at intake. Carried in the
   * input (not sent later as an update) so the answer survives the API dying right after replying.
   */
  answeredOnIntake?: { text: string; actor: Actor };
  /**
   * When intake accepted the case (its creation time). The SLA clock of the routing at intake
   * counts from here, so a backlog of the workers never moves a deadline. Absent in cases started
   * before it existed: their clock started when the worker routed them, as it did then.
   */
  acceptedAt?: string;
}

export type { SlaClock } from '../domain/sla/sla-clock';

/** The case's state as the workflow keeps it: its query's answer and each projection's input. */
export type CaseWorkflowState = CaseState;

/** The actor is trusted only with the API's proof (`workflows/actor-proof.ts`), added by its client. */
export type CaseActionRequest = Vouched<
  | { action: 'classify'; actor: Actor; input: ClassifyInput }
  | { action: 'forward'; actor: Actor; input: ForwardInput }
  | { action: 'accept'; actor: Actor; input: OptionalNoteInput }
  | { action: 'request-info'; actor: Actor; input: NoteInput }
  | { action: 'resolve'; actor: Actor; input: NoteInput }
  | { action: 'return'; actor: Actor; input: NoteInput }
  | { action: 'reopen'; actor: Actor; input: NoteInput }
  | { action: 'merge'; actor: Actor; input: MergeInput }
  | { action: 'answer'; actor: Actor; input: NoteInput }
  | { action: 'cancel'; actor: Actor; input: NoteInput }
  | { action: 'comment'; actor: Actor; input: NoteInput & { isPublic?: boolean } }
>;

export interface ResidentMessage {
  message: string;
  at: string;
  /** Deterministic id from the intake (e.g. the stored message id), so a resent signal counts once. */
  messageId: string;
  actorProof?: ActorProof;
}

export interface UnitSystemStatus {
  status: UnitSystemStatusName;
  note?: string;
  externalReference?: string;
  callbackId: string;
  actorProof?: ActorProof;
}

export const caseStateQuery = defineQuery<CaseWorkflowState>('caseStateQuery');

/** Every clerk, unit and resident action; the validator refuses what the state does not allow. */
export const caseActionUpdate = defineUpdate<CaseWorkflowState, [CaseActionRequest]>('caseActionUpdate');

export const residentMessageSignal = defineSignal<[ResidentMessage]>('residentMessageSignal');

export const unitSystemStatusSignal = defineSignal<[UnitSystemStatus]>('unitSystemStatusSignal');
