import { randomUUID } from 'node:crypto';
import { ApplicationFailure, type Client, type WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { Activities } from '../../activities';
import type { CaseClassification } from '../../activities/classification/case-classification.activities';
import type { ProjectCaseInput } from '../../activities/case-projection.activities';
import type { Actor } from '../../domain/cases/case-actions';
import type { caseWorkflow } from '../../workflows/case.workflow';
import {
  CASE_WORKFLOW_TYPE,
  caseActionUpdate,
  caseStateQuery,
  residentMessageSignal,
  type CaseActionRequest,
  type CaseSettings,
  type CaseWorkflowInput,
  type CaseWorkflowState,
} from '../../workflows/case.messages';
import { eventually } from '../support/integration';
import {
  actorProofActivities,
  refusalOf,
  startFakeActivitiesWorker,
  type FakeActivitiesWorker,
} from '../support/workflow-logic';

/** Deadlines, not waits: generous, since the whole suite shares two cores with this file. */
const DEADLINE_MS = 60_000;
jest.setTimeout(2 * DEADLINE_MS);

/**
 * The case workflow's own logic on the run's real Temporal dev server, with every activity replaced
 * by a recording fake: what the workflow decides, which activities it calls with what, in which
 * order, and what it commits. No database, no mail; the SLA clock is a fake policy in seconds.
 */

type FakeName =
  | 'classifyCase'
  | 'recordClassificationCorrection'
  | 'findDuplicateCandidate'
  | 'routeCase'
  | 'startSlaClock'
  | 'resumeSlaClock'
  | 'projectCase'
  | 'sendCaseToUnitSystem'
  | 'notifyResident'
  | 'notifyStaff';
type Fakes = Pick<Activities, FakeName>;
type InputOf<K extends FakeName> = Parameters<Fakes[K]>[0];

interface Call {
  name: FakeName;
  input: unknown;
  /** Wall-clock time the fake ran. */
  ranAt: number;
}

const calls: Call[] = [];
const classifications = new Map<string, CaseClassification>();
const duplicates = new Map<string, { caseId: string; number: string; meters: number }>();

const SECOND = 1000;
const HOUR = 3600 * SECOND;

/**
 * Fake SLA policies, in milliseconds from the clock's start: SNOW runs its whole ladder in three
 * seconds; LEAK gives the test time to pause the clock first; LAMP is hours away. Every test files
 * its case under an event code of its own (`SNOW-ladder`): the part before the dash picks the
 * policy, the whole code tells whose calls routing and SLA clocks are, as they carry no case id.
 * So the tests run side by side: most of their time is spent waiting on timers.
 */
const POLICIES: Record<
  string,
  { kind: 'WARN' | 'ESCALATE'; level: number; percent: number; after: number }[]
> = {
  SNOW: [
    { kind: 'WARN', level: 0, percent: 80, after: 1.2 * SECOND },
    { kind: 'ESCALATE', level: 1, percent: 100, after: 2 * SECOND },
    { kind: 'ESCALATE', level: 2, percent: 150, after: 3 * SECOND },
  ],
  LEAK: [
    { kind: 'WARN', level: 0, percent: 75, after: 5 * SECOND },
    { kind: 'ESCALATE', level: 1, percent: 100, after: 5.5 * SECOND },
  ],
  LAMP: [
    { kind: 'WARN', level: 0, percent: 75, after: 6 * HOUR },
    { kind: 'ESCALATE', level: 1, percent: 100, after: 8 * HOUR },
  ],
};

/** Fake routing rules by district. */
const UNIT_OF_DISTRICT: Record<string, string> = { Bielany: 'ZOM', Wola: 'ZOM' };

const policyIds = new Map<string | null, number>();
function policyIdOf(eventCode: string | null): number {
  if (!policyIds.has(eventCode)) policyIds.set(eventCode, policyIds.size + 1);
  return policyIds.get(eventCode)!;
}

function record<K extends FakeName>(name: K, input: InputOf<K>): void {
  calls.push({ name, input, ranAt: Date.now() });
}

const fakes: Fakes = {
  async classifyCase(input) {
    record('classifyCase', input);
    const classification = classifications.get(input.caseId);
    if (!classification) throw ApplicationFailure.nonRetryable(`no classification for ${input.caseId}`);
    return classification;
  },
  async recordClassificationCorrection(input) {
    record('recordClassificationCorrection', input);
  },
  async findDuplicateCandidate(input) {
    record('findDuplicateCandidate', input);
    return duplicates.get(input.caseId) ?? null;
  },
  async routeCase(input) {
    record('routeCase', input);
    const unitCode = input.district ? UNIT_OF_DISTRICT[input.district] : undefined;
    return unitCode
      ? { routed: true, unitCode, rule: { eventCode: null, district: input.district, unitCode } }
      : { routed: false, reason: `no routing rule for ${input.eventCode} in ${input.district}` };
  },
  async startSlaClock(input) {
    record('startSlaClock', input);
    const start = Date.parse(input.startedAt);
    const ladder = POLICIES[(input.eventCode ?? '').split('-')[0]] ?? POLICIES.LAMP;
    const resolution = ladder.find((t) => t.level === 1)!.after;
    return {
      policyId: policyIdOf(input.eventCode),
      calendar: 'ALWAYS',
      startedAt: input.startedAt,
      firstResponseDueAt: new Date(start + resolution / 2).toISOString(),
      resolutionDueAt: new Date(start + resolution).toISOString(),
      thresholds: ladder.map(({ kind, level, percent, after }) => ({
        kind,
        level,
        percent,
        at: new Date(start + after).toISOString(),
      })),
      firstResponseMet: false,
      pausedAt: null,
    };
  },
  async resumeSlaClock(input) {
    record('resumeSlaClock', input);
    const { clock } = input;
    if (!clock.pausedAt) return clock;
    // Round the clock: every deadline still ahead moves by the time the clock stood still.
    const paused = Date.parse(input.resumedAt) - Date.parse(clock.pausedAt);
    const shift = (at: string) => new Date(Date.parse(at) + paused).toISOString();
    return {
      ...clock,
      firstResponseDueAt: shift(clock.firstResponseDueAt),
      resolutionDueAt: shift(clock.resolutionDueAt),
      thresholds: clock.thresholds.map((t) => ({ ...t, at: shift(t.at) })),
      pausedAt: null,
    };
  },
  async projectCase(input) {
    record('projectCase', input);
    return { applied: true };
  },
  async sendCaseToUnitSystem(input) {
    record('sendCaseToUnitSystem', input);
    return input.unitCode === 'ZOM' ? { sent: true, status: 202 } : { sent: false };
  },
  async notifyResident(input) {
    record('notifyResident', input);
    return { sent: 1, skipped: 0, failed: 0 };
  },
  async notifyStaff(input) {
    record('notifyStaff', input);
    return { sent: 1, skipped: 0, failed: 0 };
  },
};

/** The inputs of one fake for one case (its input names the case, or its state does). */
function inputsOf<K extends FakeName>(name: K, caseId: string): InputOf<K>[] {
  return calls
    .filter((call) => call.name === name)
    .map((call) => call.input as InputOf<K>)
    .filter((input) => {
      const named = input as { caseId?: string; state?: { caseId: string } };
      return (named.caseId ?? named.state?.caseId) === caseId;
    });
}

/** Calls of the fakes that do not name the case, by the test's own event code. */
function forEvent<K extends 'routeCase' | 'startSlaClock'>(name: K, eventCode: string): InputOf<K>[] {
  return calls
    .filter((call) => call.name === name)
    .map((call) => call.input as InputOf<K>)
    .filter((input) => input.eventCode === eventCode);
}
const resumesOf = (eventCode: string): InputOf<'resumeSlaClock'>[] =>
  calls
    .filter((call) => call.name === 'resumeSlaClock')
    .map((call) => call.input as InputOf<'resumeSlaClock'>)
    .filter((input) => input.clock.policyId === policyIdOf(eventCode));

/** The case's committed transitions, in the order the workflow projected them. */
const commits = (caseId: string): ProjectCaseInput[] => inputsOf('projectCase', caseId);
const commitTypes = (caseId: string) => commits(caseId).map((c) => c.event.type);
const commitOf = (caseId: string, type: string): ProjectCaseInput => {
  const found = commits(caseId).filter((c) => c.event.type === type);
  expect(found).toHaveLength(1);
  return found[0];
};

const CLERK: Actor = { id: 'u-clerk', name: 'Clerk', role: 'CLERK', unitCode: null };
const ZOM_STAFF: Actor = { id: 'u-zom', name: 'ZOM staff', role: 'UNIT_STAFF', unitCode: 'ZOM' };
const OTHER_STAFF: Actor = { id: 'u-sm', name: 'SM staff', role: 'UNIT_STAFF', unitCode: 'SM' };
const RESIDENT: Actor = { id: 'resident', name: 'resident', role: 'RESIDENT', unitCode: null };

const SETTINGS: CaseSettings = {
  triageThreshold: 0.6,
  reopenWindowMinutes: 1,
  duplicateRadiusMeters: 40,
  duplicateWindowDays: 14,
};

function confident(eventCode: string, extra: Partial<CaseClassification> = {}): CaseClassification {
  return {
    kind: 'INCIDENT',
    eventCode,
    priority: 'urgent',
    confidence: 0.93,
    source: 'MODEL',
    alternatives: [{ kind: 'INCIDENT', eventCode, score: 0.93 }],
    ...extra,
  };
}

describe('the case workflow’s logic, with fake activities', () => {
  let env: TestWorkflowEnvironment;
  let client: Client;
  let namespace: string;
  let workflowBundlePath: string;
  let logic: FakeActivitiesWorker;
  const taskQueue = `logic-${randomUUID()}`;
  let started: WorkflowHandle[];

  beforeAll(async () => {
    logic = await startFakeActivitiesWorker(taskQueue, fakes);
    ({ env, client, namespace, workflowBundlePath, started } = logic);
  });

  afterAll(() => logic?.close());

  async function startCase(
    classification: CaseClassification,
    overrides: Partial<Omit<CaseWorkflowInput, 'settings'>> & { settings?: Partial<CaseSettings> } = {},
    queue = taskQueue,
  ): Promise<{ caseId: string; handle: WorkflowHandle<typeof caseWorkflow> }> {
    const caseId = overrides.caseId ?? randomUUID();
    classifications.set(caseId, classification);
    const input: CaseWorkflowInput = {
      caseId,
      number: '000042/26',
      kind: 'INCIDENT',
      channel: 'PORTAL',
      eventCode: null,
      district: 'Bielany',
      lat: null,
      lon: null,
      priority: 'normal',
      language: 'pl',
      ...overrides,
      settings: { ...SETTINGS, ...overrides.settings },
    };
    const handle = await client.workflow.start<typeof caseWorkflow>(CASE_WORKFLOW_TYPE, {
      taskQueue: queue,
      workflowId: `logic-case-${caseId}`,
      args: [input],
    });
    started.push(handle);
    return { caseId, handle };
  }

  /**
   * Waits until the case has projected a transition into `status` and has nothing in flight (no
   * activity, no workflow task): the workflow then waits in its loop for an action or a threshold.
   * The status alone is not enough: the workflow sets it before the transition's activities run.
   */
  async function settledIn(
    handle: WorkflowHandle<typeof caseWorkflow>,
    caseId: string,
    status: CaseWorkflowState['status'],
  ): Promise<CaseWorkflowState> {
    await eventually(async () => commits(caseId).some((c) => c.state.status === status), {
      timeoutMs: DEADLINE_MS,
      what: `status ${status}`,
    });
    await eventually(
      async () => {
        const { raw } = await handle.describe();
        return raw.pendingActivities?.length === 0 && !raw.pendingWorkflowTask;
      },
      { timeoutMs: DEADLINE_MS, what: 'a settled case' },
    );
    return handle.query(caseStateQuery);
  }

  const act = (handle: WorkflowHandle<typeof caseWorkflow>, request: CaseActionRequest) =>
    handle.executeUpdate(caseActionUpdate, { args: [request] });

  describe('at intake', () => {
    it.concurrent(
      'routes a confidently classified incident to its unit, starts the SLA clock and tells everyone',
      async () => {
        const caseId = randomUUID();
        const duplicate = { caseId: randomUUID(), number: '000040/26', meters: 12.5 };
        duplicates.set(caseId, duplicate);
        // Exactly at the threshold counts as confident. A policy hours away: this test reads the
        // state after routing, which a loaded machine can take longer for than SNOW's 1.2 s warning.
        const { handle } = await startCase(confident('LAMP-intake', { confidence: 0.6 }), {
          caseId,
          kind: null,
          channel: 'EMAIL',
          lat: 52.28,
          lon: 20.93,
        });
        const state = await settledIn(handle, caseId, 'FORWARDED');

        expect(state).toMatchObject({
          status: 'FORWARDED',
          unitCode: 'ZOM',
          kind: 'INCIDENT',
          eventCode: 'LAMP-intake',
          priority: 'urgent',
          classificationConfidence: 0.6,
          slaState: 'ON_TRACK',
          escalationLevel: 0,
          duplicateCandidateId: duplicate.caseId,
          version: 5,
        });
        expect(inputsOf('classifyCase', caseId)).toEqual([{ caseId, kind: null, eventCode: null }]);
        expect(inputsOf('findDuplicateCandidate', caseId)).toEqual([
          { caseId, eventCode: 'LAMP-intake', lat: 52.28, lon: 20.93, radiusMeters: 40, windowDays: 14 },
        ]);
        expect(forEvent('routeCase', 'LAMP-intake')).toEqual([
          { eventCode: 'LAMP-intake', district: 'Bielany' },
        ]);
        expect(forEvent('startSlaClock', 'LAMP-intake')).toEqual([
          { eventCode: 'LAMP-intake', priority: 'urgent', startedAt: expect.any(String) },
        ]);
        expect(commits(caseId).map((c) => [c.event.key, c.event.type, c.event.actor])).toEqual([
          ['v2', 'CLASSIFIED', 'system'],
          ['v3', 'DUPLICATE_SUSPECTED', 'system'],
          ['v4', 'ROUTED', 'system'],
          ['v5', 'SENT_TO_UNIT_SYSTEM', 'system'],
        ]);
        expect(commitOf(caseId, 'CLASSIFIED').event.payload).toMatchObject({
          confidence: 0.6,
          confident: true,
          threshold: 0.6,
        });
        expect(commitOf(caseId, 'DUPLICATE_SUSPECTED').event.payload).toEqual(duplicate);
        expect(commitOf(caseId, 'ROUTED').event.payload).toEqual({
          unitCode: 'ZOM',
          resolutionDueAt: state.sla?.resolutionDueAt,
        });
        expect(inputsOf('sendCaseToUnitSystem', caseId)).toEqual([
          { caseId, unitCode: 'ZOM', forwarding: 4 },
        ]);
        expect(commitOf(caseId, 'SENT_TO_UNIT_SYSTEM').event).toMatchObject({
          isPublic: false,
          payload: { unitCode: 'ZOM', forwarding: 4 },
        });
        expect(inputsOf('notifyResident', caseId)).toEqual([
          { caseId, eventKey: 'acknowledged', template: 'ACKNOWLEDGED' },
        ]);
        expect(inputsOf('notifyStaff', caseId)).toEqual([{ caseId, eventKey: 'v4', template: 'FORWARDED' }]);
      },
    );

    it.concurrent(
      'sends a case the classifier is unsure of to triage, keeping only the resident’s own words',
      async () => {
        const guess = confident('POTHOLE-guess', { confidence: 0.3, priority: 'urgent' });
        const { caseId, handle } = await startCase(guess, { kind: null, priority: 'low', district: 'Wola' });
        const state = await settledIn(handle, caseId, 'TRIAGE');

        expect(state).toMatchObject({
          kind: 'INCIDENT',
          eventCode: null,
          priority: 'low',
          unitCode: null,
          classificationConfidence: 0.3,
          sla: null,
          slaState: null,
          duplicateCandidateId: null,
        });
        expect(commitTypes(caseId)).toEqual(['CLASSIFIED', 'SENT_TO_TRIAGE']);
        // The guess stays in the event, for the clerk to take or leave.
        expect(commitOf(caseId, 'CLASSIFIED').event.payload).toMatchObject({
          eventCode: 'POTHOLE-guess',
          confident: false,
          threshold: 0.6,
        });
        expect(commitOf(caseId, 'SENT_TO_TRIAGE').event.payload).toEqual({
          reason: 'classifier confidence 0.30 is below 0.6',
        });
        expect(inputsOf('findDuplicateCandidate', caseId)).toEqual([
          expect.objectContaining({ eventCode: null }),
        ]);
        expect(forEvent('routeCase', 'POTHOLE-guess')).toEqual([]);
        expect(forEvent('startSlaClock', 'POTHOLE-guess')).toEqual([]);
        expect(inputsOf('notifyStaff', caseId)).toEqual([]);
        expect(inputsOf('notifyResident', caseId).map((n) => n.template)).toEqual(['ACKNOWLEDGED']);
      },
    );

    it.concurrent(
      'sends a confident incident that no routing rule places to triage with the router’s reason',
      async () => {
        const { caseId, handle } = await startCase(confident('SNOW-unroutable'), { district: 'Wawer' });
        await settledIn(handle, caseId, 'TRIAGE');
        expect(forEvent('routeCase', 'SNOW-unroutable')).toEqual([
          { eventCode: 'SNOW-unroutable', district: 'Wawer' },
        ]);
        expect(commitTypes(caseId)).toEqual(['CLASSIFIED', 'SENT_TO_TRIAGE']);
        expect(commitOf(caseId, 'SENT_TO_TRIAGE').event.payload).toEqual({
          reason: 'no routing rule for SNOW-unroutable in Wawer',
        });
        expect(forEvent('startSlaClock', 'SNOW-unroutable')).toEqual([]);
      },
    );
  });

  describe('the SLA ladder', () => {
    it.concurrent(
      'warns, breaches and escalates in order at the clock’s thresholds, then stays breached',
      async () => {
        const { caseId, handle } = await startCase(confident('SNOW-ladder'));
        await settledIn(handle, caseId, 'FORWARDED');
        const clock = commitOf(caseId, 'ROUTED').state.sla!;
        expect(clock.thresholds.map((t) => [t.kind, t.level])).toEqual([
          ['WARN', 0],
          ['ESCALATE', 1],
          ['ESCALATE', 2],
        ]);

        await eventually(async () => commitTypes(caseId).includes('SLA_ESCALATED'), {
          timeoutMs: DEADLINE_MS,
          what: 'the second escalation',
        });
        const ladder = commits(caseId).filter((c) => c.event.type.startsWith('SLA_'));
        expect(
          ladder.map((c) => [c.event.type, c.event.payload, c.state.slaState, c.state.escalationLevel]),
        ).toEqual([
          ['SLA_AT_RISK', { percent: 80 }, 'AT_RISK', 0],
          ['SLA_BREACHED', { level: 1, percent: 100 }, 'BREACHED', 1],
          ['SLA_ESCALATED', { level: 2, percent: 150 }, 'BREACHED', 2],
        ]);
        // Each step waits for its own threshold, and consumes it.
        ladder.forEach((commit, i) => {
          expect(Date.parse(commit.at)).toBeGreaterThanOrEqual(Date.parse(clock.thresholds[i].at));
          expect(commit.state.sla?.thresholds).toEqual(clock.thresholds.slice(i + 1));
          expect(commit.event.isPublic).toBe(false);
        });
        // Staff mail runs beside the case: the last one is sent after the escalation's commit.
        await eventually(async () => inputsOf('notifyStaff', caseId).length >= 4, {
          timeoutMs: DEADLINE_MS,
          what: 'the escalation mail',
        });
        expect(inputsOf('notifyStaff', caseId)).toEqual([
          { caseId, eventKey: 'v3', template: 'FORWARDED' },
          { caseId, eventKey: ladder[0].event.key, template: 'SLA_WARNING' },
          { caseId, eventKey: ladder[1].event.key, template: 'SLA_BREACHED', level: 1 },
          { caseId, eventKey: ladder[2].event.key, template: 'SLA_ESCALATED', level: 2 },
        ]);

        // A cancelled case keeps the breach on record: the SLA was not met.
        await act(handle, { action: 'cancel', actor: CLERK, input: { note: 'Odśnieżone przez wspólnotę' } });
        const result = await handle.result();
        expect(result).toMatchObject({ status: 'CANCELLED', slaState: 'BREACHED', escalationLevel: 2 });
      },
    );

    it.concurrent(
      'stands still while the case waits for the resident and goes on from where it stopped',
      async () => {
        const { caseId, handle } = await startCase(confident('LEAK-pause'));
        await settledIn(handle, caseId, 'FORWARDED');
        const clock = commitOf(caseId, 'ROUTED').state.sla!;

        const waiting = await act(handle, {
          action: 'request-info',
          actor: CLERK,
          input: { note: 'Proszę podać numer klatki' },
        });
        expect(commitTypes(caseId)).not.toContain('SLA_AT_RISK');
        expect(waiting).toMatchObject({
          status: 'WAITING_FOR_RESIDENT',
          statusBeforeWaiting: 'FORWARDED',
          slaState: 'PAUSED',
        });
        const pausedAt = waiting.sla!.pausedAt!;
        expect(pausedAt).not.toBeNull();
        expect(waiting.sla!.thresholds).toEqual(clock.thresholds);
        // Mail runs beside the case: it may start just after the update has answered.
        await eventually(async () => inputsOf('notifyResident', caseId).length === 2, {
          timeoutMs: DEADLINE_MS,
          what: 'the mail',
        });
        expect(inputsOf('notifyResident', caseId).at(-1)).toEqual({
          caseId,
          eventKey: commitOf(caseId, 'INFO_REQUESTED').event.key,
          template: 'INFO_REQUESTED',
          note: 'Proszę podać numer klatki',
        });

        // Proving that nothing happens takes letting the paused thresholds pass on the wall clock.
        const breachWouldBeAt = Date.parse(clock.thresholds[1].at);
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, breachWouldBeAt + 300 - Date.now())));
        const stillWaiting = await handle.query(caseStateQuery);
        expect(stillWaiting).toMatchObject({
          status: 'WAITING_FOR_RESIDENT',
          slaState: 'PAUSED',
          escalationLevel: 0,
        });
        expect(stillWaiting.sla!.thresholds).toEqual(clock.thresholds);
        expect(commitTypes(caseId).filter((type) => type.startsWith('SLA_'))).toEqual([]);
        expect(inputsOf('notifyStaff', caseId).map((n) => n.template)).toEqual(['FORWARDED']);

        await handle.signal(residentMessageSignal, {
          message: 'Klatka C',
          at: new Date().toISOString(),
          messageId: `m-${caseId}`,
        });
        await eventually(async () => commitTypes(caseId).includes('SLA_BREACHED'), {
          timeoutMs: DEADLINE_MS,
          what: 'the breach after resuming',
        });

        const [resume, ...more] = resumesOf('LEAK-pause');
        expect(more).toEqual([]);
        expect(resume.clock).toEqual({ ...clock, pausedAt });
        const answered = commitOf(caseId, 'RESIDENT_MESSAGE');
        expect(answered.event).toMatchObject({
          actor: 'resident',
          note: 'Klatka C',
          payload: { messageId: `m-${caseId}`, resumed: true },
        });
        expect(answered.state).toMatchObject({
          status: 'FORWARDED',
          statusBeforeWaiting: null,
          slaState: 'ON_TRACK',
        });
        const paused = Date.parse(resume.resumedAt) - Date.parse(pausedAt);
        expect(paused).toBeGreaterThan(breachWouldBeAt - Date.parse(pausedAt));
        expect(commitTypes(caseId).slice(-3)).toEqual(['RESIDENT_MESSAGE', 'SLA_AT_RISK', 'SLA_BREACHED']);
        // The thresholds come after resuming, each moved by exactly the time the clock stood still.
        expect(Date.parse(commitOf(caseId, 'SLA_AT_RISK').at)).toBeGreaterThanOrEqual(
          Date.parse(clock.thresholds[0].at) + paused,
        );
        expect(Date.parse(commitOf(caseId, 'SLA_BREACHED').at)).toBeGreaterThanOrEqual(
          breachWouldBeAt + paused,
        );
        expect(commitOf(caseId, 'SLA_BREACHED').state).toMatchObject({
          slaState: 'BREACHED',
          escalationLevel: 1,
        });
      },
    );
  });

  describe('reopening', () => {
    it.concurrent(
      'reopens a resolved case within the window: back to its unit with a new SLA clock',
      async () => {
        const { caseId, handle } = await startCase(confident('LAMP-reopen'));
        await settledIn(handle, caseId, 'FORWARDED');

        const resolved = await act(handle, {
          action: 'resolve',
          actor: ZOM_STAFF,
          input: { note: 'Wymieniono żarówkę' },
        });
        expect(resolved).toMatchObject({ status: 'RESOLVED', slaState: 'MET', escalationLevel: 0 });
        expect(resolved.resolvedAt).not.toBeNull();
        expect(resolved.sla?.thresholds).toEqual([]);

        const reopened = await act(handle, {
          action: 'reopen',
          actor: RESIDENT,
          input: { note: 'Znowu nie świeci' },
        });
        expect(reopened).toMatchObject({
          status: 'FORWARDED',
          unitCode: 'ZOM',
          resolvedAt: null,
          slaState: 'ON_TRACK',
          escalationLevel: 0,
        });
        expect(reopened.sla?.thresholds).toHaveLength(2);
        expect(forEvent('startSlaClock', 'LAMP-reopen')).toHaveLength(2);
        expect(Date.parse(forEvent('startSlaClock', 'LAMP-reopen')[1].startedAt)).toBeGreaterThanOrEqual(
          Date.parse(resolved.resolvedAt!),
        );

        const reopen = commitOf(caseId, 'REOPENED');
        expect(reopen.event).toMatchObject({
          actor: 'resident',
          actorRole: 'RESIDENT',
          note: 'Znowu nie świeci',
          payload: { unitCode: 'ZOM' },
        });
        const resolve = commitOf(caseId, 'RESOLVED');
        await eventually(async () => inputsOf('notifyStaff', caseId).length === 2, {
          timeoutMs: DEADLINE_MS,
          what: 'the unit’s mail',
        });
        await eventually(async () => inputsOf('notifyResident', caseId).length === 3, {
          timeoutMs: DEADLINE_MS,
          what: 'the resident’s mail',
        });
        expect(inputsOf('notifyResident', caseId).slice(-2)).toEqual([
          { caseId, eventKey: resolve.event.key, template: 'RESOLVED', note: 'Wymieniono żarówkę' },
          { caseId, eventKey: reopen.event.key, template: 'REOPENED', note: 'Znowu nie świeci' },
        ]);
        expect(inputsOf('notifyStaff', caseId).at(-1)).toEqual({
          caseId,
          eventKey: reopen.event.key,
          template: 'FORWARDED',
        });
      },
    );

    it.concurrent('refuses a reopen that arrives after the window, and closes the case', async () => {
      // Workers of its own, so the test can hold the case's workflow tasks back. A task the server
      // hands to a worker that is shutting down can be lost until it times out (30 s and more for
      // an activity), so activities run on a worker that lives through the test and only the
      // workflow worker, without a cache, is swapped.
      const queue = `logic-${randomUUID()}`;
      const onQueue = { connection: env.nativeConnection, namespace, taskQueue: queue };
      const activityWorker = await Worker.create({ ...onQueue, activities: fakes });
      const activitiesRunning = activityWorker.run();
      const startWorkflowWorker = () =>
        Worker.create({
          ...onQueue,
          workflowBundle: { codePath: workflowBundlePath },
          maxCachedWorkflows: 0,
          // The check of who acts is a local activity: it runs on the workflow's own worker.
          activities: actorProofActivities,
          enableNonLocalActivities: false,
        });
      const first = await startWorkflowWorker();
      const firstRunning = first.run();
      try {
        // 0.05 minutes: three seconds to reopen.
        const { caseId, handle } = await startCase(
          confident('LAMP-late'),
          { settings: { reopenWindowMinutes: 0.05 } },
          queue,
        );
        await settledIn(handle, caseId, 'FORWARDED');
        const resolved = await act(handle, {
          action: 'resolve',
          actor: ZOM_STAFF,
          input: { note: 'Naprawione' },
        });
        const windowClosesAt = Date.parse(resolved.resolvedAt!) + 3 * SECOND;
        first.shutdown();
        await firstRunning;

        // With no workflow worker, the closing timer fires on the server and the reopen waits
        // beside it; the next activation runs the update's validator before the timer's
        // continuation, so the validator sees a resolved case past its window.
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, windowClosesAt + 300 - Date.now())));
        const reopening = refusalOf(
          act(handle, { action: 'reopen', actor: RESIDENT, input: { note: 'Nadal przecieka' } }),
        );
        const second = await startWorkflowWorker();
        const secondRunning = second.run();
        try {
          expect(await reopening).toEqual({
            type: 'INVALID_TRANSITION',
            message: 'the reopen window of this case has passed',
          });
          expect(await handle.result()).toMatchObject({ status: 'CLOSED' });
        } finally {
          second.shutdown();
          await secondRunning;
        }
        expect(commitTypes(caseId)).not.toContain('REOPENED');
        expect(commitTypes(caseId).slice(-2)).toEqual(['RESOLVED', 'CLOSED']);
        expect(Date.parse(commitOf(caseId, 'CLOSED').at)).toBeGreaterThanOrEqual(windowClosesAt);
        expect(inputsOf('notifyResident', caseId).map((n) => n.template)).toEqual([
          'ACKNOWLEDGED',
          'RESOLVED',
          'CLOSED',
        ]);
        expect(forEvent('startSlaClock', 'LAMP-late')).toHaveLength(1);
      } finally {
        if (first.getState() === 'RUNNING') first.shutdown();
        await firstRunning;
        activityWorker.shutdown();
        await activitiesRunning;
      }
    });
  });

  describe('ending a case', () => {
    it.concurrent('merges a case into its parent, never into itself', async () => {
      const { caseId, handle } = await startCase(confident('SNOW-merge', { confidence: 0.1 }));
      await settledIn(handle, caseId, 'TRIAGE');
      const parentCaseId = randomUUID();

      expect(
        await refusalOf(act(handle, { action: 'merge', actor: CLERK, input: { parentCaseId: caseId } })),
      ).toEqual({ type: 'INVALID_TRANSITION', message: 'a case cannot be merged into itself' });
      expect(
        await refusalOf(act(handle, { action: 'merge', actor: RESIDENT, input: { parentCaseId } })),
      ).toEqual({
        type: 'FORBIDDEN',
        message: 'RESIDENT may not merge a case',
      });
      expect(commitTypes(caseId)).toEqual(['CLASSIFIED', 'SENT_TO_TRIAGE']);

      const merged = await act(handle, {
        action: 'merge',
        actor: CLERK,
        input: { parentCaseId, note: 'To samo zgłoszenie' },
      });
      expect(merged).toMatchObject({ status: 'MERGED', mergedInto: parentCaseId, version: 4 });
      expect(await handle.result()).toEqual(merged);
      expect(commitOf(caseId, 'MERGED').event).toMatchObject({
        key: 'v4',
        actor: 'user:u-clerk',
        note: 'To samo zgłoszenie',
        payload: { parentCaseId },
      });
      expect(inputsOf('notifyResident', caseId).at(-1)).toEqual({
        caseId,
        eventKey: 'v4',
        template: 'MERGED',
        note: 'To samo zgłoszenie',
      });
    });

    it.concurrent('cancels a forwarded case: only a clerk may, and the clock stops as met', async () => {
      const { caseId, handle } = await startCase(confident('LAMP-cancel'));
      await settledIn(handle, caseId, 'FORWARDED');

      expect(
        await refusalOf(act(handle, { action: 'cancel', actor: ZOM_STAFF, input: { note: 'Nie nasze' } })),
      ).toEqual({ type: 'FORBIDDEN', message: 'UNIT_STAFF may not cancel a case' });
      expect(await refusalOf(act(handle, { action: 'accept', actor: OTHER_STAFF, input: {} }))).toEqual({
        type: 'FORBIDDEN',
        message: 'the case is not with unit SM',
      });

      const cancelled = await act(handle, {
        action: 'cancel',
        actor: CLERK,
        input: { note: 'Zgłoszenie wycofane' },
      });
      expect(cancelled).toMatchObject({ status: 'CANCELLED', slaState: 'MET', unitCode: 'ZOM' });
      expect(cancelled.sla?.thresholds).toEqual([]);
      expect(await handle.result()).toEqual(cancelled);
      const cancel = commitOf(caseId, 'CANCELLED');
      expect(cancel.state.status).toBe('CANCELLED');
      expect(inputsOf('notifyResident', caseId).at(-1)).toEqual({
        caseId,
        eventKey: cancel.event.key,
        template: 'CANCELLED',
        note: 'Zgłoszenie wycofane',
      });
      expect(commitTypes(caseId).filter((type) => type.startsWith('SLA_'))).toEqual([]);
    });
  });

  it.concurrent(
    'continues as new past its history limit and carries its whole state into the new run',
    async () => {
      // In triage nothing wakes the case but an action: the intake alone is past 20 events, so the
      // comment below is what makes it continue as new. The resident chose the event.
      const { caseId, handle } = await startCase(confident('LAMP-can', { confidence: 0.2 }), {
        eventCode: 'LAMP-can',
        settings: { historyLimit: 20 },
      });
      await settledIn(handle, caseId, 'TRIAGE');
      const firstRun = (await handle.describe()).runId;

      const commented = await act(handle, {
        action: 'comment',
        actor: CLERK,
        input: { note: 'Mieszkaniec dzwonił ponownie', isPublic: false },
      });
      expect(commented).toMatchObject({ status: 'TRIAGE', version: 4 });
      const nextRun = await eventually(
        async () => {
          const described = await handle.describe();
          return described.runId !== firstRun && described;
        },
        { timeoutMs: DEADLINE_MS, what: 'a new run' },
      );
      expect(nextRun.status.name).toBe('RUNNING');
      expect((await client.workflow.getHandle(handle.workflowId, firstRun).describe()).status.name).toBe(
        'CONTINUED_AS_NEW',
      );
      expect(await handle.query(caseStateQuery)).toEqual(commented);

      // The new run skips intake and goes on from the carried state.
      const forwarded = await act(handle, { action: 'forward', actor: CLERK, input: { unitCode: 'ZOM' } });
      expect(forwarded).toMatchObject({
        status: 'FORWARDED',
        unitCode: 'ZOM',
        classificationConfidence: 0.2,
        version: commented.version + 1,
        slaState: 'ON_TRACK',
      });
      await eventually(async () => commitTypes(caseId).includes('SENT_TO_UNIT_SYSTEM'), {
        timeoutMs: DEADLINE_MS,
        what: 'the unit system',
      });
      expect(inputsOf('sendCaseToUnitSystem', caseId)).toEqual([{ caseId, unitCode: 'ZOM', forwarding: 5 }]);
      expect(commits(caseId).map((c) => [c.event.key, c.event.type])).toEqual([
        ['v2', 'CLASSIFIED'],
        ['v3', 'SENT_TO_TRIAGE'],
        ['v4', 'COMMENTED'],
        ['v5', 'FORWARDED'],
        ['v6', 'SENT_TO_UNIT_SYSTEM'],
      ]);
      expect(forEvent('startSlaClock', 'LAMP-can')).toHaveLength(1);
      expect(inputsOf('classifyCase', caseId)).toHaveLength(1);
      expect(inputsOf('findDuplicateCandidate', caseId)).toHaveLength(1);
      expect(inputsOf('notifyResident', caseId).map((n) => n.template)).toEqual(['ACKNOWLEDGED']);
    },
  );
});
