import {
  ALLOWED_IN,
  CASE_ACTIONS,
  availableActions,
  refusalOf,
  roleRefusalOf,
  type Actor,
  type ActorRole,
  type CaseAction,
  type CaseFacts,
} from '../../../domain/cases/case-actions';
import { CASE_KINDS, CASE_STATUSES, type CaseKind, type CaseStatus } from '../../../domain/cases/case-states';
import {
  BOOKING_ACTIONS,
  BOOKING_STATUSES,
  CHECK_IN_OPENS_MINUTES_BEFORE,
  FINAL_BOOKING_STATUSES,
  SLOT_RELEASING_STATUSES,
  bookingRefusal,
  type BookingAction,
  type BookingStatus,
} from '../../../domain/bookings/booking-states';

/*
 * The expectations below are written out as tables on purpose: they are the rules as the city
 * agreed them, so a change to case-actions.ts or booking-states.ts that moves one cell fails here
 * instead of silently changing what clerks, units and residents may do.
 */

/**
 * Reads a grid of `x` (allowed) and `.` (refused): a header row naming the columns in
 * abbreviation, then one row per name. The columns are given in full, in the header's order.
 */
function grid<R extends string, C extends string>(columns: readonly C[], text: string): Record<R, C[]> {
  const [header, ...rows] = text
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/));
  if (header.length !== columns.length) throw new Error(`the header names ${header.length} columns`);
  const result: Record<string, C[]> = {};
  for (const [name, ...marks] of rows) {
    if (marks.length !== columns.length || marks.some((mark) => mark !== 'x' && mark !== '.')) {
      throw new Error(`row ${name} is not ${columns.length} marks`);
    }
    result[name] = columns.filter((_, i) => marks[i] === 'x');
  }
  return result as Record<R, C[]>;
}

// ---- cases ----

const STATUS_COLUMNS = [
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
] as const satisfies readonly CaseStatus[];

/** Where each action may be taken. */
const ALLOWED_STATUSES = grid<CaseAction, CaseStatus>(
  STATUS_COLUMNS,
  `
                 NEW TRI FWD INP WFR RES ANS CLO CAN MER
  classify        .   x   x   .   .   .   .   .   .   .
  forward         .   x   x   x   .   .   .   .   .   .
  accept          .   .   x   .   .   .   .   .   .   .
  request-info    .   x   x   x   .   .   .   .   .   .
  resolve         .   .   x   x   x   .   .   .   .   .
  return          .   .   x   x   x   .   .   .   .   .
  reopen          .   .   .   .   .   x   x   .   .   .
  merge           .   x   x   x   x   .   .   .   .   .
  answer          .   x   .   .   x   .   .   .   .   .
  cancel          .   x   x   x   x   .   .   .   .   .
  comment         .   x   x   x   x   x   x   .   .   .
`,
);

const ROLE_COLUMNS = [
  'ADMIN',
  'CLERK',
  'UNIT_STAFF',
  'MANAGER',
  'RESIDENT',
  'SYSTEM',
] as const satisfies readonly ActorRole[];

/** Who may take each action (unit staff only on their own unit's cases). */
const ALLOWED_ROLES = grid<CaseAction, ActorRole>(
  ROLE_COLUMNS,
  `
                 ADM CLK UNIT MGR RES SYS
  classify        x   x   .    .   .   .
  forward         x   x   .    .   .   .
  accept          .   .   x    .   .   .
  request-info    x   x   x    .   .   .
  resolve         x   x   x    .   .   .
  return          .   .   x    .   .   .
  reopen          x   x   .    .   x   .
  merge           x   x   .    .   .   .
  answer          x   x   .    .   .   .
  cancel          x   x   .    .   .   .
  comment         x   x   x    x   .   .
`,
);

const UNIT = 'ZOM';
const OTHER_UNIT = 'MPWiK';

function actor(role: ActorRole, unitCode: string | null = role === 'UNIT_STAFF' ? UNIT : null): Actor {
  return { id: `${role.toLowerCase()}-1`, name: role, role, unitCode };
}

/** An actor the role table lets take the action, so only the status can refuse it. */
const permittedActor = (action: CaseAction): Actor =>
  actor(ALLOWED_ROLES[action].includes('CLERK') ? 'CLERK' : 'UNIT_STAFF');

function facts(status: CaseStatus, overrides: Partial<CaseFacts> = {}): CaseFacts {
  // INFORMATION so that `answer` is refused only by the status; reopening has no window by default.
  return { status, kind: 'INFORMATION', unitCode: UNIT, closedForReopenAt: null, ...overrides };
}

const NOW = new Date('2026-03-02T12:00:00.000Z');
const options = { now: NOW, reopenWindowMinutes: 60 };

const cross = <A, B>(as: readonly A[], bs: readonly B[]): [A, B][] =>
  as.flatMap((a) => bs.map((b) => [a, b] as [A, B]));

describe('the case state machine', () => {
  it('knows exactly the actions of the tables', () => {
    expect([...CASE_ACTIONS].sort()).toEqual(Object.keys(ALLOWED_STATUSES).sort());
    expect([...CASE_ACTIONS].sort()).toEqual(Object.keys(ALLOWED_ROLES).sort());
    expect([...CASE_STATUSES].sort()).toEqual([...STATUS_COLUMNS].sort());
  });

  it.each(CASE_ACTIONS)('ALLOWED_IN lists exactly the statuses where %s is allowed', (action) => {
    expect([...ALLOWED_IN[action]].sort()).toEqual([...ALLOWED_STATUSES[action]].sort());
  });

  describe.each(CASE_ACTIONS)('%s', (action) => {
    it.each(STATUS_COLUMNS)(`in status %s: allowed or INVALID_TRANSITION as the table says`, (status) => {
      const refusal = refusalOf(action, permittedActor(action), facts(status), options);
      if (ALLOWED_STATUSES[action].includes(status)) {
        expect(refusal).toBeNull();
      } else {
        expect(refusal).toEqual({
          code: 'INVALID_TRANSITION',
          message: `cannot ${action} a case in status ${status}`,
        });
      }
    });
  });

  describe.each(CASE_ACTIONS)('%s by role', (action) => {
    const status = ALLOWED_STATUSES[action][0];
    it.each(ROLE_COLUMNS)(`by %s: allowed or FORBIDDEN as the table says`, (role) => {
      const who = actor(role);
      const expected = ALLOWED_ROLES[action].includes(role)
        ? null
        : { code: 'FORBIDDEN', message: `${role} may not ${action} a case` };
      expect(roleRefusalOf(action, who, UNIT)).toEqual(expected);
      expect(refusalOf(action, who, facts(status), options)).toEqual(expected);
    });
  });

  describe('unit staff', () => {
    const unitActions = CASE_ACTIONS.filter((action) => ALLOWED_ROLES[action].includes('UNIT_STAFF'));

    it('may act on the unit-bound actions accept, request-info, resolve, return and comment', () => {
      expect(unitActions).toEqual(['accept', 'request-info', 'resolve', 'return', 'comment']);
    });

    it.each(cross(unitActions, [OTHER_UNIT, null]))(
      'may not %s a case that is with %s rather than their unit',
      (action, caseUnit) => {
        const status = ALLOWED_STATUSES[action][0];
        const refusal = {
          code: 'FORBIDDEN',
          message: `the case is not with unit ${UNIT}`,
        };
        expect(roleRefusalOf(action, actor('UNIT_STAFF'), caseUnit)).toEqual(refusal);
        expect(
          refusalOf(action, actor('UNIT_STAFF'), facts(status, { unitCode: caseUnit }), options),
        ).toEqual(refusal);
      },
    );

    it.each(unitActions)('without a unit of their own may not %s a unit case', (action) => {
      const refusal = refusalOf(
        action,
        actor('UNIT_STAFF', null),
        facts(ALLOWED_STATUSES[action][0]),
        options,
      );
      expect(refusal).toEqual({ code: 'FORBIDDEN', message: 'the case is not with unit (none)' });
    });

    it.each(unitActions)(
      'without a unit of their own may not %s a case that has no unit either',
      (action) => {
        const status = ALLOWED_STATUSES[action][0];
        const refusal = refusalOf(
          action,
          actor('UNIT_STAFF', null),
          facts(status, { unitCode: null }),
          options,
        );
        expect(refusal).toEqual({ code: 'FORBIDDEN', message: 'the case is not with unit (none)' });
      },
    );

    it.each(['classify', 'forward', 'merge', 'cancel'] as const)(
      'stay FORBIDDEN to %s even on their own unit’s case',
      (action) => {
        expect(
          refusalOf(action, actor('UNIT_STAFF'), facts(ALLOWED_STATUSES[action][0]), options)?.code,
        ).toBe('FORBIDDEN');
      },
    );
  });

  it('binds only unit staff to the case’s unit: a clerk or admin acts on any unit’s case', () => {
    for (const role of ['CLERK', 'ADMIN'] as const) {
      expect(refusalOf('resolve', actor(role, OTHER_UNIT), facts('IN_PROGRESS'), options)).toBeNull();
      expect(
        refusalOf('comment', actor(role), facts('FORWARDED', { unitCode: OTHER_UNIT }), options),
      ).toBeNull();
    }
  });

  it.each<[string, CaseAction, Actor, CaseFacts, string]>([
    ['role before status', 'cancel', actor('RESIDENT'), facts('CLOSED'), 'FORBIDDEN'],
    ['unit before status', 'accept', actor('UNIT_STAFF', OTHER_UNIT), facts('CLOSED'), 'FORBIDDEN'],
    [
      'status before the reopen window',
      'reopen',
      actor('RESIDENT'),
      facts('FORWARDED', { closedForReopenAt: '2020-01-01T00:00:00.000Z' }),
      'INVALID_TRANSITION',
    ],
  ])('checks %s', (_, action, who, caseFacts, code) => {
    expect(refusalOf(action, who, caseFacts, options)?.code).toBe(code);
  });

  it.each<[CaseKind, CaseStatus, boolean]>([
    ['INCIDENT', 'TRIAGE', false],
    ['INCIDENT', 'WAITING_FOR_RESIDENT', false],
    ['INFORMATION', 'TRIAGE', true],
    ['INFORMATION', 'WAITING_FOR_RESIDENT', true],
    ['SUGGESTION', 'TRIAGE', true],
    ['COMPLAINT', 'TRIAGE', true],
  ])('answers a %s in %s: %s', (kind, status, allowed) => {
    const refusal = refusalOf('answer', actor('CLERK'), facts(status, { kind }), options);
    expect(refusal).toEqual(
      allowed
        ? null
        : { code: 'INVALID_TRANSITION', message: 'an INCIDENT is resolved by its unit, not answered' },
    );
  });

  it('refuses only `answer` on an INCIDENT: every other action ignores the kind', () => {
    const others = CASE_ACTIONS.filter((action) => action !== 'answer');
    for (const [action, kind] of cross(others, CASE_KINDS)) {
      const status = ALLOWED_STATUSES[action][0];
      expect(refusalOf(action, permittedActor(action), facts(status, { kind }), options)).toBeNull();
    }
  });

  describe('the reopen window', () => {
    const closedAt = '2026-03-02T10:00:00.000Z';
    const after = (ms: number) => new Date(Date.parse(closedAt) + ms);
    const MIN = 60_000;

    it.each<[number, number, boolean]>([
      [60, 0, true],
      [60, 59 * MIN + 59_999, true],
      [60, 60 * MIN, true],
      [60, 60 * MIN + 1, false],
      [60, 24 * 60 * MIN, false],
      [0.05, 2_999, true],
      [0.05, 3_000, true],
      [0.05, 3_001, false],
      [0, 0, true],
      [0, 1, false],
      [14 * 24 * 60, 14 * 24 * 60 * MIN - 1, true],
      [14 * 24 * 60, 14 * 24 * 60 * MIN + 1, false],
    ])('of %s minutes, %s ms after closing: reopen allowed %s', (windowMinutes, elapsed, allowed) => {
      for (const [role, status] of cross(
        ['RESIDENT', 'CLERK', 'ADMIN'] as const,
        ['RESOLVED', 'ANSWERED'] as const,
      )) {
        const refusal = refusalOf('reopen', actor(role), facts(status, { closedForReopenAt: closedAt }), {
          now: after(elapsed),
          reopenWindowMinutes: windowMinutes,
        });
        expect(refusal).toEqual(
          allowed
            ? null
            : { code: 'INVALID_TRANSITION', message: 'the reopen window of this case has passed' },
        );
      }
    });

    it('does not apply to a case without a closing time', () => {
      const refusal = refusalOf('reopen', actor('RESIDENT'), facts('RESOLVED', { closedForReopenAt: null }), {
        now: new Date('2099-01-01T00:00:00.000Z'),
        reopenWindowMinutes: 0,
      });
      expect(refusal).toBeNull();
    });

    it('does not limit the other actions on a resolved case', () => {
      const refusal = refusalOf(
        'comment',
        actor('CLERK'),
        facts('RESOLVED', { closedForReopenAt: closedAt }),
        {
          now: after(365 * 24 * 60 * MIN),
          reopenWindowMinutes: 1,
        },
      );
      expect(refusal).toBeNull();
    });
  });

  describe('the buttons a person sees', () => {
    const closedAt = '2026-03-02T11:30:00.000Z';
    it.each<[string, Actor, CaseFacts, { now: Date; reopenWindowMinutes: number }, CaseAction[]]>([
      [
        'a clerk, on a question in triage',
        actor('CLERK'),
        facts('TRIAGE', { unitCode: null }),
        options,
        ['classify', 'forward', 'request-info', 'merge', 'answer', 'cancel', 'comment'],
      ],
      [
        'a clerk, on an incident in triage',
        actor('CLERK'),
        facts('TRIAGE', { kind: 'INCIDENT', unitCode: null }),
        options,
        ['classify', 'forward', 'request-info', 'merge', 'cancel', 'comment'],
      ],
      [
        'a clerk, on a forwarded incident',
        actor('CLERK'),
        facts('FORWARDED', { kind: 'INCIDENT' }),
        options,
        ['classify', 'forward', 'request-info', 'resolve', 'merge', 'cancel', 'comment'],
      ],
      [
        'an admin, on a question waiting for the resident',
        actor('ADMIN'),
        facts('WAITING_FOR_RESIDENT'),
        options,
        ['resolve', 'merge', 'answer', 'cancel', 'comment'],
      ],
      [
        'unit staff, on their unit’s forwarded case',
        actor('UNIT_STAFF'),
        facts('FORWARDED', { kind: 'INCIDENT' }),
        options,
        ['accept', 'request-info', 'resolve', 'return', 'comment'],
      ],
      [
        'unit staff, on their unit’s case in progress',
        actor('UNIT_STAFF'),
        facts('IN_PROGRESS', { kind: 'INCIDENT' }),
        options,
        ['request-info', 'resolve', 'return', 'comment'],
      ],
      [
        'unit staff, on another unit’s forwarded case',
        actor('UNIT_STAFF', OTHER_UNIT),
        facts('FORWARDED', { kind: 'INCIDENT' }),
        options,
        [],
      ],
      ['a manager, on a case in progress', actor('MANAGER'), facts('IN_PROGRESS'), options, ['comment']],
      [
        'the resident, inside the reopen window',
        actor('RESIDENT'),
        facts('RESOLVED', { closedForReopenAt: closedAt }),
        options,
        ['reopen'],
      ],
      [
        'the resident, after the reopen window',
        actor('RESIDENT'),
        facts('RESOLVED', { closedForReopenAt: closedAt }),
        { now: NOW, reopenWindowMinutes: 29 },
        [],
      ],
      [
        'a clerk, after the reopen window',
        actor('CLERK'),
        facts('ANSWERED', { closedForReopenAt: closedAt }),
        { now: NOW, reopenWindowMinutes: 29 },
        ['comment'],
      ],
      ['a clerk, on a case still at intake', actor('CLERK'), facts('NEW'), options, []],
      ['a clerk, on a closed case', actor('CLERK'), facts('CLOSED'), options, []],
      ['an admin, on a merged case', actor('ADMIN'), facts('MERGED'), options, []],
      ['the system, on a case in triage', actor('SYSTEM'), facts('TRIAGE'), options, []],
    ])('for %s', (_, who, caseFacts, when, expected) => {
      expect(availableActions(who, caseFacts, when)).toEqual(expected);
    });
  });
});

// ---- bookings ----

const SLOT_START = '2027-01-11T09:00:00.000Z';
const SLOT_END = '2027-01-11T09:15:00.000Z';
const startMs = Date.parse(SLOT_START);
const atOffset = (ms: number, noShowGraceSeconds = 300) => ({
  now: new Date(startMs + ms),
  noShowGraceSeconds,
});
const booking = (status: BookingStatus) => ({ status, slotStart: SLOT_START, slotEnd: SLOT_END });

const BOOKING_COLUMNS = [
  'HELD',
  'CONFIRMED',
  'CHECKED_IN',
  'NO_SHOW',
  'CANCELLED',
  'EXPIRED',
  'COMPLETED',
] as const satisfies readonly BookingStatus[];

const BOOKING_ALLOWED = grid<BookingAction, BookingStatus>(
  BOOKING_COLUMNS,
  `
               HELD CONF CHKD NOSH CANC EXPD COMP
  confirm       x    .    .    .    .    .    .
  cancel        x    x    .    .    .    .    .
  reschedule    x    x    .    .    .    .    .
  check-in      .    x    .    .    .    .    .
  no-show       .    x    .    .    .    .    .
`,
);

/** When each action's timing rule lets it through, so only the status decides. */
const TIMING_OK: Record<BookingAction, number> = {
  confirm: -7 * 24 * 3600_000,
  cancel: -60_000,
  reschedule: -60_000,
  'check-in': -30 * 60_000,
  'no-show': 10 * 60_000,
};

/** How the refusals name each status to a resident. */
const STATUS_WORDS: Record<BookingStatus, string> = {
  HELD: 'held',
  CONFIRMED: 'confirmed',
  CHECKED_IN: 'checked in',
  NO_SHOW: 'no show',
  CANCELLED: 'cancelled',
  EXPIRED: 'expired',
  COMPLETED: 'completed',
};

const STATUS_REFUSALS: Record<BookingAction, (word: string) => string> = {
  confirm: (word) => `The booking is ${word}: only a held slot can be confirmed`,
  cancel: (word) => `The booking is ${word} and can no longer be cancelled`,
  reschedule: (word) => `The booking is ${word} and can no longer be moved`,
  'check-in': (word) => `The booking is ${word}: only a confirmed visit can be checked in`,
  'no-show': (word) => `The booking is ${word}: only a confirmed visit can be a no-show`,
};

describe('the booking state machine', () => {
  it('knows exactly the actions and statuses of the tables', () => {
    expect([...BOOKING_ACTIONS].sort()).toEqual(Object.keys(BOOKING_ALLOWED).sort());
    expect([...BOOKING_STATUSES].sort()).toEqual([...BOOKING_COLUMNS].sort());
  });

  it.each(cross(BOOKING_ACTIONS, BOOKING_COLUMNS))(
    '%s on a %s booking: allowed or INVALID_TRANSITION as the table says',
    (action, status) => {
      const refusal = bookingRefusal(action, booking(status), atOffset(TIMING_OK[action]));
      expect(refusal).toEqual(
        BOOKING_ALLOWED[action].includes(status)
          ? null
          : { code: 'INVALID_TRANSITION', message: STATUS_REFUSALS[action](STATUS_WORDS[status]) },
      );
    },
  );

  it.each<[BookingStatus, boolean, boolean]>([
    ['HELD', false, false],
    ['CONFIRMED', false, false],
    ['CHECKED_IN', false, false],
    ['NO_SHOW', true, false],
    ['CANCELLED', true, true],
    ['EXPIRED', true, true],
    ['COMPLETED', true, false],
  ])('a %s booking is final: %s, gives the desk back: %s', (status, final, releases) => {
    expect(FINAL_BOOKING_STATUSES.includes(status)).toBe(final);
    expect(SLOT_RELEASING_STATUSES.includes(status)).toBe(releases);
  });

  it.each(['NO_SHOW', 'CANCELLED', 'EXPIRED', 'COMPLETED'] as const)(
    'takes no action at all on a %s booking, whenever it is asked',
    (status) => {
      const instants = [-30 * 24 * 3600_000, -3 * 3600_000, -60_000, 0, 60_000, 3600_000, 30 * 24 * 3600_000];
      for (const [action, offset] of cross(BOOKING_ACTIONS, instants)) {
        expect(bookingRefusal(action, booking(status), atOffset(offset))).not.toBeNull();
      }
    },
  );

  const CHECK_IN_OPENS = -CHECK_IN_OPENS_MINUTES_BEFORE * 60_000;

  it('opens the check-in exactly 120 minutes before the visit', () => {
    expect(CHECK_IN_OPENS_MINUTES_BEFORE).toBe(120);
  });

  it.each<[BookingAction, BookingStatus, number, number, string | null]>([
    ['cancel', 'CONFIRMED', -1, 300, null],
    ['cancel', 'HELD', -1, 300, null],
    ['cancel', 'CONFIRMED', 0, 300, 'The visit has already begun and can no longer be cancelled'],
    ['cancel', 'HELD', 1, 300, 'The visit has already begun and can no longer be cancelled'],
    ['reschedule', 'CONFIRMED', -1, 300, null],
    ['reschedule', 'HELD', 0, 300, 'The visit has already begun and can no longer be moved'],
    ['reschedule', 'CONFIRMED', 3600_000, 300, 'The visit has already begun and can no longer be moved'],
    ['check-in', 'CONFIRMED', -120 * 60_000 - 1, 300, 'Check-in opens 120 minutes before the visit'],
    ['check-in', 'CONFIRMED', -120 * 60_000, 300, null],
    ['check-in', 'CONFIRMED', 0, 300, null],
    ['check-in', 'CONFIRMED', 24 * 3600_000, 300, null],
    [
      'no-show',
      'CONFIRMED',
      -1,
      0,
      'The resident may still come: a no-show can be recorded from 2027-01-11T09:00:00.000Z',
    ],
    ['no-show', 'CONFIRMED', 0, 0, null],
    [
      'no-show',
      'CONFIRMED',
      89_999,
      90,
      'The resident may still come: a no-show can be recorded from 2027-01-11T09:01:30.000Z',
    ],
    ['no-show', 'CONFIRMED', 90_000, 90, null],
    // The grace period counts from the start, not from the end of the slot.
    ['no-show', 'CONFIRMED', 15 * 60_000, 600, null],
    // The status is checked before the clock: a held slot is not "not yet" a no-show.
    ['no-show', 'HELD', -1, 0, 'The booking is held: only a confirmed visit can be a no-show'],
    [
      'check-in',
      'HELD',
      CHECK_IN_OPENS - 1,
      300,
      'The booking is held: only a confirmed visit can be checked in',
    ],
    ['cancel', 'CHECKED_IN', -1, 300, 'The booking is checked in and can no longer be cancelled'],
  ])('%s of a %s booking %s ms from the start (grace %s s): %s', (action, status, offset, grace, message) => {
    const refusal = bookingRefusal(action, booking(status), atOffset(offset, grace));
    expect(refusal).toEqual(message === null ? null : { code: 'INVALID_TRANSITION', message });
  });
});
