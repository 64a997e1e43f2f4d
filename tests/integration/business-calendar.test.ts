import { SlaPolicy } from '../../db/entities';
import { caseWorkflowId } from '../../domain/cases/case-number';
import {
  toWarsawWallClock,
  warsawWallClockToInstant,
  workingMinutesBetween,
} from '../../domain/sla/business-calendar';
import {
  businessCalendarFrom,
  type CalendarDay,
  DEFAULT_WEEKDAY_HOURS,
  type WeekdayHours,
} from '../../domain/sla/calendar-configuration';
import { computeSlaDeadlines } from '../../domain/sla/sla-deadlines';
import { caseStateQuery } from '../../workflows/case.messages';
import { caseIdOfNumber, eventually, startTestApp, type TestApp } from '../support/integration';

interface DayRecord {
  id: number;
  date: string;
  kind: 'CLOSED' | 'OPEN';
  name: string;
  opens: string | null;
  closes: string | null;
}

/**
 * Administrators keep the business calendar (office hours, days closed or opened unlike the week);
 * managers read it; SLA clocks started after a change count in the changed calendar.
 */
describe('the business calendar in the back office', () => {
  let fixture: TestApp;
  const createdDayIds: number[] = [];

  beforeAll(async () => {
    fixture = await startTestApp({ worker: true, demoUsers: true });
  });
  afterAll(async () => {
    // The run's database is shared by the test files that follow: leave the calendar as it was.
    const admin = await fixture.authorization('admin');
    for (const id of createdDayIds) {
      await fixture.app.inject({
        method: 'DELETE',
        url: `/api/calendar-days/${id}`,
        headers: { authorization: admin },
      });
    }
    await fixture.app.inject({
      method: 'PUT',
      url: '/api/business-calendar/hours',
      headers: { authorization: admin },
      payload: { hours: DEFAULT_WEEKDAY_HOURS },
    });
    await fixture.close();
  });

  async function call(
    username: string | null,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
  ) {
    const headers = username ? { authorization: await fixture.authorization(username) } : {};
    return fixture.app.inject({ method, url, headers, payload: payload as Record<string, unknown> });
  }

  async function addDay(day: Omit<DayRecord, 'id'>): Promise<DayRecord> {
    const response = await call('admin', 'POST', '/api/calendar-days', day);
    expect({ status: response.statusCode, body: response.json() }).toMatchObject({ status: 201 });
    const created = response.json<DayRecord>();
    createdDayIds.push(created.id);
    return created;
  }

  it('starts with the office hours SLA deadlines always had', async () => {
    const response = await call('manager', 'GET', '/api/business-calendar/hours');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ hours: DEFAULT_WEEKDAY_HOURS });
  });

  it('documents its routes in the OpenAPI document', async () => {
    const response = await fixture.app.inject({ method: 'GET', url: '/docs/json' });
    expect(response.statusCode).toBe(200);
    const paths = response.json<{ paths: Record<string, Record<string, unknown>> }>().paths;
    expect(Object.keys(paths['/api/business-calendar/hours'] ?? {}).sort()).toEqual(['get', 'put']);
    expect(Object.keys(paths['/api/business-calendar/holidays'] ?? {})).toEqual(['get']);
    expect(Object.keys(paths['/api/calendar-days'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(paths['/api/calendar-days/{id}'] ?? {}).sort()).toEqual(['delete', 'get', 'put']);
  });

  it('lets administrators write, managers read, and nobody else in', async () => {
    const reads = [
      '/api/business-calendar/hours',
      '/api/business-calendar/holidays?year=2026',
      '/api/calendar-days',
    ];
    for (const url of reads) {
      for (const [who, status] of [
        [null, 401],
        ['admin', 200],
        ['manager', 200],
        ['clerk', 403],
        ['zdm', 403],
      ] as const) {
        expect({ url, who, status: (await call(who, 'GET', url)).statusCode }).toEqual({ url, who, status });
      }
    }
    for (const who of ['manager', 'clerk', 'zdm'] as const) {
      const hours = await call(who, 'PUT', '/api/business-calendar/hours', { hours: DEFAULT_WEEKDAY_HOURS });
      expect({ who, status: hours.statusCode }).toEqual({ who, status: 403 });
      const day = await call(who, 'POST', '/api/calendar-days', {
        date: '2031-05-02',
        kind: 'CLOSED',
        name: 'Dzień pomostowy',
      });
      expect({ who, status: day.statusCode }).toEqual({ who, status: 403 });
    }
    const listed = await call(
      'admin',
      'GET',
      `/api/calendar-days?filter=${encodeURIComponent('{"year":2031}')}`,
    );
    expect(listed.json()).toEqual([]);
  });

  it('refuses impossible office hours, naming the field', async () => {
    const withMonday = (monday: Record<string, unknown>) => ({
      hours: [{ weekday: 1, ...monday }, ...DEFAULT_WEEKDAY_HOURS.slice(1)],
    });
    const cases: [unknown, string][] = [
      [withMonday({ opens: '16:00', closes: '08:00' }), 'hours.0.closes'],
      [withMonday({ opens: '8:00', closes: '16:00' }), 'hours.0.opens'],
      [withMonday({ opens: '08:00', closes: '24:30' }), 'hours.0.closes'],
      [withMonday({ opens: '08:00', closes: null }), 'hours.0.closes'],
      [{ hours: DEFAULT_WEEKDAY_HOURS.slice(1) }, 'hours'],
      [
        { hours: [...DEFAULT_WEEKDAY_HOURS.slice(0, 6), { weekday: 1, opens: null, closes: null }] },
        'hours.6.weekday',
      ],
      [{ hours: DEFAULT_WEEKDAY_HOURS.map((row) => ({ ...row, opens: null, closes: null })) }, 'hours'],
    ];
    for (const [payload, field] of cases) {
      const response = await call('admin', 'PUT', '/api/business-calendar/hours', payload);
      expect({ field, status: response.statusCode }).toEqual({ field, status: 422 });
      expect(Object.keys(response.json<{ errors: Record<string, string> }>().errors)).toContain(field);
    }
    expect((await call('admin', 'GET', '/api/business-calendar/hours')).json()).toEqual({
      hours: DEFAULT_WEEKDAY_HOURS,
    });
  });

  it('changes the office hours, Saturday included, and reads them back', async () => {
    const hours: WeekdayHours[] = [
      ...DEFAULT_WEEKDAY_HOURS.slice(0, 4).map((row) => ({ ...row, opens: '07:30', closes: '15:30' })),
      { weekday: 5, opens: '07:30', closes: '24:00' },
      { weekday: 6, opens: '09:00', closes: '13:00' },
      { weekday: 7, opens: null, closes: null },
    ];
    const response = await call('admin', 'PUT', '/api/business-calendar/hours', {
      hours: [...hours].reverse(),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ hours });
    expect((await call('manager', 'GET', '/api/business-calendar/hours')).json()).toEqual({ hours });

    const restored = await call('admin', 'PUT', '/api/business-calendar/hours', {
      hours: DEFAULT_WEEKDAY_HOURS,
    });
    expect(restored.json()).toEqual({ hours: DEFAULT_WEEKDAY_HOURS });
  });

  it('refuses impossible calendar days, naming the field', async () => {
    const cases: [Record<string, unknown>, number, string][] = [
      [{ date: '2031-02-30', kind: 'CLOSED', name: 'Nie ma takiego dnia' }, 422, 'date'],
      [{ date: '02.05.2031', kind: 'CLOSED', name: 'Zły format' }, 422, 'date'],
      [{ date: '2031-05-02', kind: 'HALF', name: 'Nie wiadomo' }, 422, 'kind'],
      [{ date: '2031-05-02', kind: 'CLOSED', name: ' ' }, 422, 'name'],
      [{ date: '2031-05-03', kind: 'OPEN', name: 'Sobota pracująca' }, 422, 'opens'],
      [
        { date: '2031-05-03', kind: 'OPEN', name: 'Sobota pracująca', opens: '14:00', closes: '10:00' },
        422,
        'closes',
      ],
      [{ date: '2031-05-02', kind: 'CLOSED', name: 'Pomost', opens: '08:00', closes: '16:00' }, 422, 'opens'],
      // 3 May is Constitution Day: closed by law already.
      [{ date: '2031-05-03', kind: 'CLOSED', name: 'Święto' }, 422, 'date'],
    ];
    for (const [payload, status, field] of cases) {
      const response = await call('admin', 'POST', '/api/calendar-days', payload);
      expect({ payload, status: response.statusCode }).toEqual({ payload, status });
      expect(Object.keys(response.json<{ errors: Record<string, string> }>().errors)).toContain(field);
    }
  });

  it('refuses a CLOSED statutory holiday from the body alone, before looking up the day to change', async () => {
    const response = await call('admin', 'PUT', '/api/calendar-days/987654321', {
      date: '2031-05-03',
      kind: 'CLOSED',
      name: 'Święto',
    });
    expect(response.statusCode).toBe(422);
    expect(Object.keys(response.json<{ errors: Record<string, string> }>().errors)).toContain('date');
  });

  it('adds, lists, changes and removes calendar days; one entry per date', async () => {
    const bridge = await addDay({
      date: '2031-05-02',
      kind: 'CLOSED',
      name: 'Dzień pomostowy',
      opens: null,
      closes: null,
    });
    const saturday = await addDay({
      date: '2031-05-10',
      kind: 'OPEN',
      name: 'Sobota odpracowana',
      opens: '08:00',
      closes: '16:00',
    });
    expect(bridge).toMatchObject({ date: '2031-05-02', kind: 'CLOSED', opens: null, closes: null });
    expect(saturday).toMatchObject({ date: '2031-05-10', kind: 'OPEN', opens: '08:00', closes: '16:00' });

    const again = await call('admin', 'POST', '/api/calendar-days', {
      date: '2031-05-02',
      kind: 'OPEN',
      name: 'Drugi wpis',
      opens: '08:00',
      closes: '12:00',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().errors).toHaveProperty('date');

    const listed = await call(
      'manager',
      'GET',
      `/api/calendar-days?filter=${encodeURIComponent('{"year":2031}')}&sort=${encodeURIComponent('["date","DESC"]')}`,
    );
    expect(listed.headers['content-range']).toBe('calendar-days 0-1/2');
    expect(listed.json<DayRecord[]>().map((day) => day.date)).toEqual(['2031-05-10', '2031-05-02']);

    // react-admin sends the whole record back on edit.
    const changed = await call('admin', 'PUT', `/api/calendar-days/${saturday.id}`, {
      ...saturday,
      name: 'Sobota odpracowana (krócej)',
      closes: '12:00',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      id: saturday.id,
      closes: '12:00',
      name: 'Sobota odpracowana (krócej)',
    });
    const moved = await call('admin', 'PUT', `/api/calendar-days/${saturday.id}`, {
      ...saturday,
      date: bridge.date,
    });
    expect(moved.statusCode).toBe(409);

    const removed = await call('admin', 'DELETE', `/api/calendar-days/${bridge.id}`);
    expect(removed.statusCode).toBe(200);
    expect((await call('admin', 'GET', `/api/calendar-days/${bridge.id}`)).statusCode).toBe(404);
    expect((await call('admin', 'DELETE', `/api/calendar-days/${bridge.id}`)).statusCode).toBe(404);
  });

  it("shows the year's statutory holidays with their names", async () => {
    const response = await call('manager', 'GET', '/api/business-calendar/holidays?year=2026');
    expect(response.statusCode).toBe(200);
    const holidays = response.json<{ date: string; weekday: number; name: string; nameEn: string }[]>();
    expect(holidays).toHaveLength(14);
    expect(holidays).toContainEqual({
      date: '2026-06-04',
      weekday: 4,
      name: 'Boże Ciało',
      nameEn: 'Corpus Christi',
    });
    expect(holidays).toContainEqual({
      date: '2026-12-24',
      weekday: 4,
      name: 'Wigilia Bożego Narodzenia',
      nameEn: 'Christmas Eve',
    });
    const bad = await call('manager', 'GET', '/api/business-calendar/holidays?year=twenty');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toHaveProperty(['query.year']);
  });

  type BusinessCalendar = ReturnType<typeof businessCalendarFrom>;

  /**
   * Files a pothole through the public API, waits for the worker to route it, and returns its due
   * times with those the domain calculator gives for the clock's start in the expected calendar
   * and in the one in force before the change.
   */
  async function fileAndTime(calendars: Record<'expected' | 'previous', BusinessCalendar>) {
    const filed = await fixture.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      payload: {
        kind: 'INCIDENT',
        eventCode: 'POTHOLE',
        description: 'Dziura w jezdni na Grochowskiej przy Wiatracznej.',
        district: 'Praga-Południe',
      },
    });
    expect(filed.statusCode).toBe(201);
    const id = await caseIdOfNumber(fixture.orm, filed.json<{ number: string }>().number);
    const record = await eventually(
      async () => {
        const body = (await call('admin', 'GET', `/api/cases/${id}`)).json<{
          status: string;
          firstResponseDueAt: string | null;
          resolutionDueAt: string | null;
        }>();
        return body.status === 'FORWARDED' && body.resolutionDueAt !== null && body;
      },
      { what: 'the pothole to be forwarded with its deadlines' },
    );
    const clock = (await fixture.temporal.workflow.getHandle(caseWorkflowId(id)).query(caseStateQuery)).sla!;
    expect(clock.calendar).toBe('BUSINESS');
    const policy = await fixture.orm.em.fork().findOneOrFail(SlaPolicy, { id: clock.policyId });
    const deadlinesIn = (calendar: BusinessCalendar) =>
      computeSlaDeadlines({
        policy: {
          firstResponseMinutes: Number(policy.firstResponseMinutes),
          resolutionMinutes: Number(policy.resolutionMinutes),
          calendar,
          warnAtPercent: policy.warnAtPercent,
          escalationPercents: policy.escalationPercents,
        },
        startedAt: new Date(clock.startedAt),
      });
    return { record, expected: deadlinesIn(calendars.expected), previous: deadlinesIn(calendars.previous) };
  }

  const workingMinutesOn = (date: string, calendar: BusinessCalendar) =>
    workingMinutesBetween(
      warsawWallClockToInstant(date, '00:00'),
      warsawWallClockToInstant(date, '24:00'),
      calendar,
    );

  it('times a new case in a calendar with a CLOSED day added through the API', async () => {
    const weekdayHours = (await call('admin', 'GET', '/api/business-calendar/hours')).json<{
      hours: WeekdayHours[];
    }>().hours;
    const weekOnly = businessCalendarFrom({ weekdayHours, days: [] });
    // The next working day after today: a pothole has nine working days to be fixed, so closing
    // that day must push its deadline back by one.
    const noonToday = warsawWallClockToInstant(toWarsawWallClock(new Date()).date, '12:00').getTime();
    const closedDate = [1, 2, 3, 4, 5, 6, 7]
      .map((days) => toWarsawWallClock(new Date(noonToday + days * 86_400_000)).date)
      .find((date) => workingMinutesOn(date, weekOnly) > 0)!;
    await addDay({
      date: closedDate,
      kind: 'CLOSED',
      name: 'Dzień wolny za sobotę',
      opens: null,
      closes: null,
    });
    const days: CalendarDay[] = [{ date: closedDate, kind: 'CLOSED' }];

    const { record, expected, previous } = await fileAndTime({
      expected: businessCalendarFrom({ weekdayHours, days }),
      previous: weekOnly,
    });
    expect(record.resolutionDueAt).toBe(expected.resolutionDueAt.toISOString());
    expect(record.firstResponseDueAt).toBe(expected.firstResponseDueAt.toISOString());
    // The closed day really moved it, by that day's working time.
    expect(workingMinutesBetween(previous.resolutionDueAt, expected.resolutionDueAt, weekOnly)).toBe(
      workingMinutesOn(closedDate, weekOnly),
    );
  });

  it('times a new case in office hours changed through the API', async () => {
    const before = (await call('admin', 'GET', '/api/business-calendar/hours')).json<{
      hours: WeekdayHours[];
    }>().hours;
    // Long days up to midnight and a working Saturday: nine working days shrink to fewer calendar days.
    const longDays: WeekdayHours[] = [
      ...[1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '06:00', closes: '24:00' }) as WeekdayHours),
      { weekday: 6, opens: '08:00', closes: '14:00' },
      { weekday: 7, opens: null, closes: null },
    ];
    const changed = await call('admin', 'PUT', '/api/business-calendar/hours', { hours: longDays });
    expect(changed.statusCode).toBe(200);
    const days = (
      await call('admin', 'GET', `/api/calendar-days?range=${encodeURIComponent('[0,499]')}`)
    ).json<DayRecord[]>();

    const { record, expected, previous } = await fileAndTime({
      expected: businessCalendarFrom({ weekdayHours: longDays, days }),
      previous: businessCalendarFrom({ weekdayHours: before, days }),
    });
    expect(record.resolutionDueAt).toBe(expected.resolutionDueAt.toISOString());
    expect(record.firstResponseDueAt).toBe(expected.firstResponseDueAt.toISOString());
    expect(expected.resolutionDueAt.getTime()).toBeLessThan(previous.resolutionDueAt.getTime());
  });
});
