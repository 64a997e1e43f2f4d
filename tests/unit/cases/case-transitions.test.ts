import { RESIDENT_ACTOR, SYSTEM_ACTOR, type Actor } from '../../../domain/cases/case-actions';
import {
  accepted,
  answered,
  cancelled,
  closed,
  infoRequested,
  initialCaseState,
  merged,
  nextDeadline,
  reclassified,
  reopened,
  reopening,
  residentMessage,
  residentReplying,
  resolved,
  returnedByUnit,
  slaThresholdPassed,
  type CaseState,
} from '../../../domain/cases/case-transitions';
import {
  classifiedAtIntake,
  contactCenterCase,
  unitSystemActor,
  unitSystemNote,
  UNIT_SYSTEM_ACTIONS,
  unroutable,
} from '../../../domain/cases/intake-routing';
import type { SlaClock } from '../../../domain/sla/sla-clock';

const CLERK: Actor = { id: 'u-clerk', name: 'Clerk', role: 'CLERK', unitCode: null };
const STAFF: Actor = { id: 'u-zom', name: 'ZOM staff', role: 'UNIT_STAFF', unitCode: 'ZOM' };
const NOW = new Date('2026-01-12T10:00:00Z');

const CLOCK: SlaClock = {
  policyId: 7,
  calendar: 'ALWAYS',
  startedAt: '2026-01-12T08:00:00.000Z',
  firstResponseDueAt: '2026-01-12T12:00:00.000Z',
  resolutionDueAt: '2026-01-13T08:00:00.000Z',
  thresholds: [
    { kind: 'WARN', level: 0, percent: 75, at: '2026-01-13T02:00:00.000Z' },
    { kind: 'ESCALATE', level: 1, percent: 100, at: '2026-01-13T08:00:00.000Z' },
  ],
  firstResponseMet: false,
  pausedAt: null,
};

function aCase(overrides: Partial<CaseState> = {}): CaseState {
  return {
    ...initialCaseState({
      caseId: 'case-1',
      number: '000001/26',
      kind: 'INCIDENT',
      eventCode: 'POTHOLE',
      priority: 'normal',
      district: 'Wola',
      language: 'pl',
    }),
    ...overrides,
  };
}

const withUnit = (overrides: Partial<CaseState> = {}) =>
  aCase({ status: 'FORWARDED', unitCode: 'ZOM', sla: CLOCK, slaState: 'ON_TRACK', ...overrides });

describe('a case’s transitions', () => {
  it('starts NEW at version 1, an unknown kind taken for an incident', () => {
    const fresh = initialCaseState({
      caseId: 'c',
      number: '000002/26',
      kind: null,
      eventCode: null,
      priority: 'urgent',
      district: null,
      language: 'en',
    });
    expect(fresh).toMatchObject({ kind: 'INCIDENT', status: 'NEW', version: 1, sla: null, unitCode: null });
  });

  it('keeps an uncertain guess as a suggestion: the event asked for stays, the payload tells', () => {
    const guess = {
      kind: 'INCIDENT' as const,
      eventCode: 'LAMP',
      priority: 'urgent' as const,
      confidence: 0.4,
    };
    const step = classifiedAtIntake(aCase(), guess, {
      threshold: 0.6,
      askedEventCode: 'POTHOLE',
      actor: SYSTEM_ACTOR,
    });
    expect(step.confident).toBe(false);
    expect(step.set).toEqual({
      kind: 'INCIDENT',
      eventCode: 'POTHOLE',
      priority: 'normal',
      classificationConfidence: 0.4,
    });
    expect(step.event).toMatchObject({
      type: 'CLASSIFIED',
      isPublic: false,
      payload: { confident: false, threshold: 0.6 },
    });
  });

  it('sends questions to the contact center and cases no rule places to triage', () => {
    expect(contactCenterCase(aCase(), SYSTEM_ACTOR)).toBeNull();
    expect(contactCenterCase(aCase({ kind: 'INFORMATION' }), SYSTEM_ACTOR)?.event.payload).toEqual({
      reason: 'a INFORMATION is answered by the contact center',
    });
    expect(unroutable('no rule', SYSTEM_ACTOR).set).toEqual({ status: 'TRIAGE', unitCode: null });
  });

  it('routes again after a clerk changes the event, and keeps the priority when none is given', () => {
    const same = reclassified(withUnit(), { kind: 'INCIDENT', eventCode: 'POTHOLE' }, CLERK);
    expect(same).toMatchObject({ changed: false, reroute: false, set: { priority: 'normal' } });
    const other = reclassified(
      withUnit(),
      { kind: 'INCIDENT', eventCode: 'LAMP', priority: 'urgent' },
      CLERK,
    );
    expect(other).toMatchObject({
      changed: true,
      reroute: true,
      set: { priority: 'urgent', classificationConfidence: 1 },
    });
  });

  it('marks the first response when the unit accepts, and pauses the clock while it waits for the resident', () => {
    expect(accepted(withUnit(), undefined, STAFF).set).toEqual({
      status: 'IN_PROGRESS',
      sla: { ...CLOCK, firstResponseMet: true },
    });
    expect(infoRequested(withUnit({ status: 'IN_PROGRESS' }), 'Which lamp?', STAFF, NOW).set).toEqual({
      statusBeforeWaiting: 'IN_PROGRESS',
      status: 'WAITING_FOR_RESIDENT',
      sla: { ...CLOCK, pausedAt: NOW.toISOString() },
      slaState: 'PAUSED',
    });
  });

  it('stops the clock when the case is done with: met, or breached once escalated', () => {
    expect(resolved(withUnit({ status: 'RESOLVED' }), 'Fixed', STAFF).set).toEqual({
      sla: { ...CLOCK, thresholds: [] },
      slaState: 'MET',
    });
    expect(answered(aCase({ status: 'TRIAGE' }), 'Yes', CLERK, NOW).set).toEqual({
      status: 'ANSWERED',
      resolvedAt: NOW.toISOString(),
      sla: null,
      slaState: null,
    });
    expect(merged(withUnit({ escalationLevel: 1 }), { parentCaseId: 'p', note: 'same hole' }, CLERK)).toEqual(
      {
        set: { status: 'MERGED', mergedInto: 'p', sla: { ...CLOCK, thresholds: [] }, slaState: 'BREACHED' },
        event: { type: 'MERGED', actor: CLERK, note: 'same hole', payload: { parentCaseId: 'p' } },
      },
    );
    expect(cancelled(aCase({ status: 'TRIAGE' }), 'spam', CLERK).set).toEqual({
      status: 'CANCELLED',
      sla: null,
      slaState: null,
    });
  });

  it('returns a case to triage in two events, the first still naming the unit', () => {
    const [returned, toTriage] = returnedByUnit(withUnit(), 'not ours', STAFF);
    expect(returned.set).toEqual({ status: 'TRIAGE', sla: null, slaState: null, escalationLevel: 0 });
    expect(returned.event).toMatchObject({ type: 'RETURNED', isPublic: false, payload: { fromUnit: 'ZOM' } });
    expect(toTriage).toMatchObject({
      set: { unitCode: null },
      event: { type: 'SENT_TO_TRIAGE', actor: SYSTEM_ACTOR },
    });
  });

  it('reopens a resolved case with its unit, an answered one in triage', () => {
    const back = reopening(
      withUnit({ status: 'RESOLVED', resolvedAt: NOW.toISOString(), escalationLevel: 1 }),
    );
    expect(back).toEqual({
      backToUnit: true,
      set: { resolvedAt: null, escalationLevel: 0, status: 'FORWARDED' },
    });
    expect(reopened(withUnit(), true, 'still broken', CLERK).payload).toEqual({ unitCode: 'ZOM' });
    const triage = reopening(aCase({ status: 'ANSWERED', unitCode: 'ZOM' }));
    expect(triage.set).toMatchObject({ status: 'TRIAGE', sla: null, slaState: null });
    expect(reopened(aCase(), false, 'again', RESIDENT_ACTOR).payload).toBeUndefined();
  });

  it('brings a case waiting for the resident back to where it was', () => {
    const waiting = aCase({ status: 'WAITING_FOR_RESIDENT', statusBeforeWaiting: 'IN_PROGRESS' });
    expect(residentReplying(waiting)).toEqual({
      resumed: true,
      set: { status: 'IN_PROGRESS', statusBeforeWaiting: null },
    });
    expect(residentReplying(aCase({ status: 'TRIAGE' }))).toEqual({ resumed: false, set: {} });
    expect(residentMessage({ message: 'WE 12345', messageId: 'm1' }, true)).toEqual({
      type: 'RESIDENT_MESSAGE',
      actor: RESIDENT_ACTOR,
      note: 'WE 12345',
      payload: { messageId: 'm1', resumed: true },
    });
  });

  it('reads the unit system’s statuses as the unit staff’s actions', () => {
    expect(UNIT_SYSTEM_ACTIONS).toEqual({ ACCEPTED: 'accept', RESOLVED: 'resolve', REJECTED: 'return' });
    expect(unitSystemActor('ZOM')).toEqual({
      id: 'unit-system:ZOM',
      name: 'ZOM system',
      role: 'UNIT_STAFF',
      unitCode: 'ZOM',
    });
    expect(unitSystemNote({ status: 'RESOLVED' })).toBe("resolved in the unit's system");
    expect(unitSystemNote({ status: 'RESOLVED', note: 'done' })).toBe('done');
  });

  it('waits for the reopen window of a resolved case, else for the SLA clock', () => {
    const resolvedAt = '2026-01-12T10:00:00.000Z';
    expect(nextDeadline(withUnit({ status: 'RESOLVED', resolvedAt }), 60)).toEqual({
      at: Date.parse(resolvedAt) + 3_600_000,
      what: 'CLOSE',
    });
    expect(nextDeadline(withUnit(), 60)).toEqual({ at: Date.parse(CLOCK.thresholds[0].at), what: 'SLA' });
    expect(nextDeadline(aCase({ status: 'TRIAGE' }), 60)).toBeNull();
    expect(closed()).toEqual({ set: { status: 'CLOSED' }, event: { type: 'CLOSED', actor: SYSTEM_ACTOR } });
  });

  it('names the SLA events by the threshold: at risk, breached, escalated', () => {
    const warn = slaThresholdPassed({ sla: CLOCK, slaState: 'ON_TRACK', escalationLevel: 0 });
    expect(warn.event).toMatchObject({ type: 'SLA_AT_RISK', payload: { percent: 75 } });
    const breach = slaThresholdPassed({ sla: warn.set.sla!, slaState: 'AT_RISK', escalationLevel: 0 });
    expect(breach.event).toMatchObject({ type: 'SLA_BREACHED', payload: { level: 1, percent: 100 } });
    const ladder: SlaClock = {
      ...CLOCK,
      thresholds: [{ kind: 'ESCALATE', level: 2, percent: 150, at: '2026-01-13T20:00:00.000Z' }],
    };
    expect(slaThresholdPassed({ sla: ladder, slaState: 'BREACHED', escalationLevel: 1 }).event.type).toBe(
      'SLA_ESCALATED',
    );
  });
});
