import {
  nextThresholdAt,
  passedThreshold,
  pausedSla,
  resumedSlaState,
  startedSla,
  stoppedSla,
  type SlaClock,
} from '../../../domain/sla/sla-clock';

const clock = (overrides: Partial<SlaClock> = {}): SlaClock => ({
  policyId: 1,
  calendar: 'ALWAYS',
  startedAt: '2026-01-12T08:00:00.000Z',
  firstResponseDueAt: '2026-01-12T12:00:00.000Z',
  resolutionDueAt: '2026-01-13T08:00:00.000Z',
  thresholds: [
    { kind: 'WARN', level: 0, percent: 75, at: '2026-01-13T02:00:00.000Z' },
    { kind: 'ESCALATE', level: 1, percent: 100, at: '2026-01-13T08:00:00.000Z' },
    { kind: 'ESCALATE', level: 2, percent: 150, at: '2026-01-13T20:00:00.000Z' },
  ],
  firstResponseMet: false,
  pausedAt: null,
  ...overrides,
});

describe('the SLA clock of a case', () => {
  it('starts on track, with no escalation', () => {
    expect(startedSla(clock())).toEqual({ sla: clock(), slaState: 'ON_TRACK', escalationLevel: 0 });
  });

  it('pauses once: a paused clock keeps the instant it stopped, and no clock stays none', () => {
    const now = new Date('2026-01-12T10:00:00Z');
    const paused = pausedSla(startedSla(clock()), now);
    expect(paused).toEqual({ sla: clock({ pausedAt: '2026-01-12T10:00:00.000Z' }), slaState: 'PAUSED' });
    const later = new Date('2026-01-12T11:00:00Z');
    expect(pausedSla({ ...paused, escalationLevel: 0 }, later)).toEqual(paused);
    expect(pausedSla({ sla: null, slaState: null, escalationLevel: 0 }, now)).toEqual({
      sla: null,
      slaState: null,
    });
  });

  it('resumes on track before its warning fired, at risk after it, breached after an escalation', () => {
    expect(resumedSlaState(clock(), 0)).toBe('ON_TRACK');
    expect(resumedSlaState(clock({ thresholds: clock().thresholds.slice(1) }), 0)).toBe('AT_RISK');
    expect(resumedSlaState(clock({ thresholds: clock().thresholds.slice(2) }), 1)).toBe('BREACHED');
  });

  it('stops met, or breached once it escalated, with no thresholds left', () => {
    const running = { ...startedSla(clock({ pausedAt: '2026-01-12T10:00:00.000Z' })) };
    expect(stoppedSla(running)).toEqual({ sla: clock({ thresholds: [], pausedAt: null }), slaState: 'MET' });
    expect(stoppedSla({ ...running, escalationLevel: 2 }).slaState).toBe('BREACHED');
    expect(stoppedSla({ sla: null, slaState: null, escalationLevel: 0 })).toEqual({
      sla: null,
      slaState: null,
    });
  });

  it('waits for its next threshold, but not while paused or stopped', () => {
    expect(nextThresholdAt(clock())).toBe(Date.parse('2026-01-13T02:00:00.000Z'));
    expect(nextThresholdAt(clock({ pausedAt: '2026-01-12T10:00:00.000Z' }))).toBeNull();
    expect(nextThresholdAt(clock({ thresholds: [] }))).toBeNull();
    expect(nextThresholdAt(null)).toBeNull();
  });

  it('passes its thresholds in order: at risk, breached, escalated further', () => {
    const warned = passedThreshold({ ...startedSla(clock()), sla: clock() });
    expect(warned.threshold).toMatchObject({ kind: 'WARN', percent: 75 });
    expect(warned.track).toMatchObject({ slaState: 'AT_RISK', escalationLevel: 0 });
    expect(warned.track.sla?.thresholds).toHaveLength(2);
    const breached = passedThreshold({ ...warned.track, sla: warned.track.sla! });
    expect(breached.track).toMatchObject({ slaState: 'BREACHED', escalationLevel: 1 });
    const escalated = passedThreshold({ ...breached.track, sla: breached.track.sla! });
    expect(escalated.threshold).toMatchObject({ kind: 'ESCALATE', level: 2 });
    expect(escalated.track).toMatchObject({ slaState: 'BREACHED', escalationLevel: 2 });
    expect(escalated.track.sla?.thresholds).toEqual([]);
  });
});
