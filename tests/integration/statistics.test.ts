import { randomUUID } from 'node:crypto';
import { eventually, startTestApp, type TestApp } from '../support/integration';

const UNIT_A = 'STAT-A';
const UNIT_B = 'STAT-B';
const UNIT_A_NAME = 'Jednostka testowa – Żoliborz';

interface CaseFixture {
  unit: string | null;
  status?: string;
  kind?: string;
  channel?: string;
  district?: string | null;
  eventCode?: string | null;
  slaState?: string | null;
  escalationLevel?: number;
  createdAt?: string;
  resolvedAt?: string | null;
  resolutionDueAt?: string | null;
}

/**
 * The managers' statistics over cases whose times are chosen: past periods across the spring DST
 * change and a year's end, breaches either side of midnight and of Monday, resolutions either side
 * of a month's end. Those cases are rows written directly (the workflow cannot backdate a case);
 * one more case goes through the real intake and workflow and must show up in the same figures.
 * Figures are scoped to units of this file's own, so other test files' cases do not count.
 */
describe('statistics for the dashboard', () => {
  let fixture: TestApp;
  const suffix = randomUUID().slice(0, 6);
  let serial = 0;
  const open: Record<string, { id: string; number: string }> = {};
  let eventTimes: { type: string; at: Date }[] = [];
  let todayStart: Date;
  let weekStart: Date;

  const db = () => fixture.orm.em.fork().getConnection();

  async function insertCase(c: CaseFixture): Promise<{ id: string; number: string }> {
    const id = randomUUID();
    serial += 1;
    const number = `S${suffix}-${serial}`;
    await db().execute(
      `insert into cases (id, number, kind, status, event_code, unit_code, district, channel, description,
         sla_state, escalation_level, resolution_due_at, resolved_at, created_at, updated_at, workflow_started_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, 'Statystyka', ?, ?, ?, ?, ?, now(), now())`,
      [
        id,
        number,
        c.kind ?? 'INCIDENT',
        c.status ?? 'CLOSED',
        c.eventCode ?? 'POTHOLE',
        c.unit,
        c.district === undefined ? 'Wola' : c.district,
        c.channel ?? 'PORTAL',
        c.slaState ?? null,
        c.escalationLevel ?? 0,
        c.resolutionDueAt ?? null,
        c.resolvedAt ?? null,
        c.createdAt ?? new Date().toISOString(),
      ],
    );
    return { id, number };
  }

  async function insertEvent(caseId: string, type: string, at: Date, actor = 'system', note?: string) {
    await db().execute(
      `insert into case_events (case_id, event_key, type, actor, actor_role, status, is_public, note, created_at)
       values (?, ?, ?, ?, ?, 'FORWARDED', false, ?, ?)`,
      [caseId, randomUUID(), type, actor, actor === 'system' ? 'SYSTEM' : 'MANAGER', note ?? null, at],
    );
  }

  async function get(url: string, username: string | null = 'manager') {
    const headers = username ? { authorization: await fixture.authorization(username) } : {};
    return fixture.app.inject({ method: 'GET', url, headers });
  }

  const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

  beforeAll(async () => {
    fixture = await startTestApp({ worker: true, demoUsers: true });
    await db().execute(
      `insert into units (code, name, name_en) values (?, ?, 'Statistics test unit A'), (?, 'Jednostka B', 'Unit B')
       on conflict do nothing`,
      [UNIT_A, UNIT_A_NAME, UNIT_B],
    );
    await db().execute(
      `insert into taxonomy_events (code, subcategory, name, name_en, default_unit, priority, resolution_hours)
       values ('STATPROBE', 'ORDER', 'Sonda statystyk', 'Statistics probe', ?, 'normal', 72) on conflict do nothing`,
      [UNIT_A],
    );
    await db().execute(
      `insert into routing_rules (event_code, unit_code) values ('STATPROBE', ?) on conflict do nothing`,
      [UNIT_A],
    );

    // Filed across the spring DST change of 2021 (28 March): Warsaw days, not UTC days, count.
    const filed: [string, string, string?][] = [
      ['2021-03-26T22:59:59Z', 'PHONE'], // 26 March 23:59:59 in Warsaw: before the period
      ['2021-03-26T23:30:00Z', 'PHONE'], // 27 March 00:30
      ['2021-03-27T22:59:59Z', 'PORTAL'], // 27 March 23:59:59 (CET)
      ['2021-03-27T23:00:00Z', 'PHONE', 'Żoliborz'], // 28 March 00:00
      ['2021-03-28T21:59:59Z', 'MOBILE'], // 28 March 23:59:59 (CEST)
      ['2021-03-28T22:00:00Z', 'PHONE', 'Żoliborz'], // 29 March 00:00
      ['2021-03-29T21:59:59Z', 'EMAIL', '=SUM(1)'], // 29 March 23:59:59: a district a spreadsheet would run
      ['2021-03-29T22:00:00Z', 'PHONE'], // 30 March 00:00: after the period
      ['2021-12-31T22:59:59Z', 'CHAT'], // 31 December 2021 23:59:59
      ['2021-12-31T23:00:00Z', 'CHAT'], // 1 January 2022 00:00
    ];
    for (const [createdAt, channel, district] of filed) {
      await insertCase({
        unit: UNIT_A,
        createdAt,
        channel,
        district,
        kind: channel === 'CHAT' ? 'INFORMATION' : 'INCIDENT',
      });
    }

    // Resolved in March 2021 (or just after): MET is on time, BREACHED late, no clock is not counted.
    const resolved: [string, string, string | null][] = [
      [UNIT_A, '2021-03-10T10:00:00Z', 'MET'],
      [UNIT_A, '2021-03-31T21:59:00Z', 'MET'], // 31 March 23:59 in Warsaw
      [UNIT_A, '2021-03-12T10:00:00Z', 'BREACHED'],
      [UNIT_A, '2021-03-12T11:00:00Z', null],
      [UNIT_A, '2021-03-31T22:30:00Z', 'MET'], // 1 April 00:30 in Warsaw
      [UNIT_B, '2021-03-15T10:00:00Z', 'BREACHED'],
      [UNIT_B, '2021-03-16T10:00:00Z', 'BREACHED'],
    ];
    for (const [unit, resolvedAt, slaState] of resolved) {
      await insertCase({
        unit,
        status: slaState ? 'RESOLVED' : 'ANSWERED',
        createdAt: '2021-03-01T10:00:00Z',
        resolvedAt,
        slaState,
      });
    }

    // Open now, in every SLA state, and two finished cases that are not open.
    open.onTrack1 = await insertCase({
      unit: UNIT_A,
      status: 'FORWARDED',
      slaState: 'ON_TRACK',
      resolutionDueAt: hoursFromNow(30),
    });
    open.onTrack2 = await insertCase({
      unit: UNIT_A,
      status: 'IN_PROGRESS',
      slaState: 'ON_TRACK',
      resolutionDueAt: hoursFromNow(40),
    });
    open.atRiskLater = await insertCase({
      unit: UNIT_A,
      status: 'FORWARDED',
      slaState: 'AT_RISK',
      resolutionDueAt: hoursFromNow(2),
    });
    open.atRiskSooner = await insertCase({
      unit: UNIT_A,
      status: 'IN_PROGRESS',
      slaState: 'AT_RISK',
      resolutionDueAt: hoursFromNow(1),
    });
    open.paused = await insertCase({
      unit: UNIT_A,
      status: 'WAITING_FOR_RESIDENT',
      slaState: 'PAUSED',
      resolutionDueAt: hoursFromNow(5),
    });
    open.triage = await insertCase({ unit: UNIT_A, status: 'TRIAGE' });
    open.longOverdue = await insertCase({
      unit: UNIT_A,
      status: 'FORWARDED',
      slaState: 'BREACHED',
      escalationLevel: 2,
      resolutionDueAt: hoursFromNow(-5),
    });
    open.overdue = await insertCase({
      unit: UNIT_A,
      status: 'IN_PROGRESS',
      slaState: 'BREACHED',
      escalationLevel: 1,
      resolutionDueAt: hoursFromNow(-1),
    });
    await insertCase({
      unit: UNIT_A,
      status: 'CLOSED',
      slaState: 'BREACHED',
      resolutionDueAt: hoursFromNow(-9),
    });
    await insertCase({ unit: UNIT_A, status: 'RESOLVED', slaState: 'MET', resolutionDueAt: hoursFromNow(9) });

    // Midnight and Monday of the city, found from the Warsaw calendar day in JavaScript.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(new Date());
    const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
    const monday = new Date(Date.parse(`${today}T00:00:00Z`) - weekday * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const [bounds] = await db().execute<{ today: Date; week: Date; now: Date }[]>(
      `select (?::date)::timestamp at time zone 'Europe/Warsaw' as today,
              (?::date)::timestamp at time zone 'Europe/Warsaw' as week, now() as now`,
      [today, monday],
    );
    todayStart = new Date(bounds.today);
    weekStart = new Date(bounds.week);
    const second = 1000;
    const now = new Date(bounds.now);
    eventTimes = [
      { type: 'SLA_BREACHED', at: new Date(todayStart.getTime() + second) },
      { type: 'SLA_BREACHED', at: new Date(weekStart.getTime() - second) },
      { type: 'SLA_ESCALATED', at: new Date(now.getTime() - second) },
      { type: 'SLA_ESCALATED', at: new Date(weekStart.getTime() + second) },
      { type: 'SLA_BREACHED', at: new Date(now.getTime() - 8 * 86_400_000) },
      { type: 'SLA_AT_RISK', at: now },
    ];
    const owners = [
      open.overdue,
      open.longOverdue,
      open.longOverdue,
      open.overdue,
      open.overdue,
      open.atRiskLater,
    ];
    for (const [index, event] of eventTimes.entries())
      await insertEvent(owners[index].id, event.type, event.at);
    await insertEvent(open.longOverdue.id, 'COMMENTED', now, 'user:manager', 'Pilne – proszę o eskalację');
  });
  afterAll(() => fixture?.close());

  const count = (type: string, since: Date) =>
    eventTimes.filter((event) => event.type === type && event.at >= since).length;

  describe('the overview', () => {
    it('counts open cases by SLA state and lists the ones at risk and overdue by deadline', async () => {
      const response = await get(`/api/statistics/overview?unitCode=${UNIT_A}`);
      expect(response.statusCode).toBe(200);
      const overview = response.json();
      expect(overview.unitCode).toBe(UNIT_A);
      expect(overview.open).toEqual({
        total: 8,
        bySlaState: { ON_TRACK: 2, AT_RISK: 2, BREACHED: 2, PAUSED: 1, NONE: 1 },
      });
      expect(overview.atRisk.map((c: { number: string }) => c.number)).toEqual([
        open.atRiskSooner.number,
        open.atRiskLater.number,
      ]);
      expect(overview.breached.map((c: { number: string }) => c.number)).toEqual([
        open.longOverdue.number,
        open.overdue.number,
      ]);
      expect(overview.breached[0]).toMatchObject({
        id: open.longOverdue.id,
        unitCode: UNIT_A,
        status: 'FORWARDED',
        slaState: 'BREACHED',
        escalationLevel: 2,
      });
    });

    it('counts breaches and escalations since midnight and since Monday in Warsaw', async () => {
      const overview = (await get(`/api/statistics/overview?unitCode=${UNIT_A}`)).json();
      expect({ breaches: overview.breaches, escalations: overview.escalations }).toEqual({
        breaches: { today: count('SLA_BREACHED', todayStart), thisWeek: count('SLA_BREACHED', weekStart) },
        escalations: {
          today: count('SLA_ESCALATED', todayStart),
          thisWeek: count('SLA_ESCALATED', weekStart),
        },
      });
      expect(overview.breaches.thisWeek).toBe(1);
      expect(overview.escalations.thisWeek).toBe(2);
    });

    it('covers the whole city without a unit', async () => {
      const overview = (await get('/api/statistics/overview')).json();
      expect(overview.unitCode).toBeNull();
      expect(overview.open.total).toBeGreaterThanOrEqual(8);
      expect(overview.breaches.thisWeek).toBeGreaterThanOrEqual(1);
    });
  });

  describe('volumes', () => {
    it('counts cases per Warsaw day across the DST change, largest channel first', async () => {
      const response = await get(
        `/api/statistics/volumes?unitCode=${UNIT_A}&dimension=channel&bucket=day&from=2021-03-27&to=2021-03-29`,
      );
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        from: '2021-03-27',
        to: '2021-03-29',
        bucket: 'day',
        dimension: 'channel',
        unitCode: UNIT_A,
        periods: ['2021-03-27', '2021-03-28', '2021-03-29'],
        keys: ['PHONE', 'EMAIL', 'MOBILE', 'PORTAL'],
        rows: [
          { period: '2021-03-27', key: 'PHONE', count: 1 },
          { period: '2021-03-27', key: 'PORTAL', count: 1 },
          { period: '2021-03-28', key: 'MOBILE', count: 1 },
          { period: '2021-03-28', key: 'PHONE', count: 1 },
          { period: '2021-03-29', key: 'EMAIL', count: 1 },
          { period: '2021-03-29', key: 'PHONE', count: 1 },
        ],
        totals: [
          { key: 'PHONE', count: 3, share: 0.5 },
          { key: 'EMAIL', count: 1, share: 1 / 6 },
          { key: 'MOBILE', count: 1, share: 1 / 6 },
          { key: 'PORTAL', count: 1, share: 1 / 6 },
        ],
        total: 6,
      });
    });

    it('groups weeks from Monday and months from the first, by district or kind', async () => {
      const weeks = (
        await get(
          `/api/statistics/volumes?unitCode=${UNIT_A}&dimension=district&bucket=week&from=2021-03-27&to=2021-03-29`,
        )
      ).json();
      expect(weeks.periods).toEqual(['2021-03-22', '2021-03-29']);
      expect(weeks.rows).toEqual([
        { period: '2021-03-22', key: 'Wola', count: 3 },
        { period: '2021-03-22', key: 'Żoliborz', count: 1 },
        { period: '2021-03-29', key: '=SUM(1)', count: 1 },
        { period: '2021-03-29', key: 'Żoliborz', count: 1 },
      ]);
      const months = (
        await get(
          `/api/statistics/volumes?unitCode=${UNIT_A}&dimension=kind&bucket=month&from=2021-01-01&to=2022-12-31`,
        )
      ).json();
      expect(months.periods).toHaveLength(24);
      // March: eight filed across the DST change and five resolved fixtures filed on 1 March.
      expect(months.rows).toEqual([
        { period: '2021-03-01', key: 'INCIDENT', count: 13 },
        { period: '2021-12-01', key: 'INFORMATION', count: 1 },
        { period: '2022-01-01', key: 'INFORMATION', count: 1 },
      ]);
    });
  });

  describe('on-time rate', () => {
    it('counts cases resolved in the period per unit: SLA met on time, breached late', async () => {
      const response = await get('/api/statistics/on-time?from=2021-03-01&to=2021-03-31');
      expect(response.statusCode).toBe(200);
      const result = response.json();
      const mine = result.units.filter((u: { unitCode: string }) => [UNIT_A, UNIT_B].includes(u.unitCode));
      expect(mine).toEqual([
        { unitCode: UNIT_A, unitName: UNIT_A_NAME, resolved: 3, onTime: 2, late: 1, onTimeRate: 2 / 3 },
        { unitCode: UNIT_B, unitName: 'Jednostka B', resolved: 2, onTime: 0, late: 2, onTimeRate: 0 },
      ]);
      const unitOnly = (
        await get(`/api/statistics/on-time?from=2021-03-01&to=2021-03-31&unitCode=${UNIT_B}`)
      ).json();
      expect(unitOnly.total).toEqual({ resolved: 2, onTime: 0, late: 2, onTimeRate: 0 });
      const april = (
        await get(`/api/statistics/on-time?from=2021-04-01&to=2021-04-30&unitCode=${UNIT_A}`)
      ).json();
      expect(april.total).toEqual({ resolved: 1, onTime: 1, late: 0, onTimeRate: 1 });
    });
  });

  describe('contacts per year', () => {
    it('counts contacts per Warsaw calendar year with the share of each channel', async () => {
      const response = await get(
        `/api/statistics/contacts-per-year?fromYear=2021&toYear=2022&unitCode=${UNIT_A}`,
      );
      expect(response.statusCode).toBe(200);
      const [y2021, y2022] = response.json().years;
      // Ten filed in 2021 (one of them on New Year's Eve) and five resolved fixtures, all on the portal.
      expect(y2021.year).toBe(2021);
      expect(y2021.total).toBe(14);
      expect(
        Object.fromEntries(
          y2021.byChannel.map((c: { channel: string; count: number }) => [c.channel, c.count]),
        ),
      ).toEqual({
        PHONE: 5,
        PORTAL: 6,
        MOBILE: 1,
        EMAIL: 1,
        CHAT: 1,
        OPEN311: 0,
      });
      expect(y2021.byChannel.find((c: { channel: string }) => c.channel === 'PORTAL').share).toBeCloseTo(
        6 / 14,
      );
      expect(y2022).toEqual({
        year: 2022,
        total: 1,
        byChannel: ['PHONE', 'PORTAL', 'MOBILE', 'EMAIL', 'CHAT', 'OPEN311'].map((channel) => ({
          channel,
          count: channel === 'CHAT' ? 1 : 0,
          share: channel === 'CHAT' ? 1 : 0,
        })),
      });
    });
  });

  describe('CSV', () => {
    const text = (body: Buffer) => body.toString('utf8');

    it('downloads volumes as an attachment with a byte order mark, one column per channel', async () => {
      const response = await get(
        `/api/statistics/volumes.csv?unitCode=${UNIT_A}&dimension=channel&bucket=day&from=2021-03-27&to=2021-03-29`,
      );
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toBe(
        `attachment; filename="civicflow-volumes-channel-day-${UNIT_A}-2021-03-27-2021-03-29.csv"`,
      );
      expect([...response.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(text(response.rawPayload)).toBe(
        '\uFEFFperiod,PHONE,EMAIL,MOBILE,PORTAL,total\r\n' +
          '2021-03-27,1,0,0,1,2\r\n2021-03-28,1,0,1,0,2\r\n2021-03-29,1,1,0,0,2\r\n',
      );
    });

    it('keeps Polish letters and defuses text a spreadsheet would run as a formula', async () => {
      const response = await get(
        `/api/statistics/volumes.csv?unitCode=${UNIT_A}&dimension=district&bucket=week&from=2021-03-27&to=2021-03-29`,
      );
      expect(text(response.rawPayload)).toBe(
        "\uFEFFperiod,Wola,Żoliborz,'=SUM(1),total\r\n2021-03-22,3,1,0,4\r\n2021-03-29,0,1,1,2\r\n",
      );
    });

    it('writes semicolons and decimal commas for Excel in Polish', async () => {
      const response = await get(
        `/api/statistics/on-time.csv?from=2021-03-01&to=2021-03-31&unitCode=${UNIT_A}&separator=semicolon`,
      );
      expect(text(response.rawPayload)).toBe(
        '\uFEFFunit;unit_name;resolved;on_time;late;on_time_percent\r\n' +
          `${UNIT_A};${UNIT_A_NAME};3;2;1;66,7\r\n` +
          'TOTAL;;3;2;1;66,7\r\n',
      );
    });

    it('lists the overdue cases, the overview figures and the contacts per year', async () => {
      const overdue = text(
        (await get(`/api/statistics/open-cases.csv?unitCode=${UNIT_A}&slaState=BREACHED`)).rawPayload,
      );
      const lines = overdue.split('\r\n').filter(Boolean);
      expect(lines[0]).toBe(
        '\uFEFFnumber,status,sla_state,escalation_level,resolution_due_at,unit,event,district,kind',
      );
      expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual([
        open.longOverdue.number,
        open.overdue.number,
      ]);
      const overview = text((await get(`/api/statistics/overview.csv?unitCode=${UNIT_A}`)).rawPayload);
      expect(overview).toContain('\r\nopen_cases,8\r\n');
      expect(overview).toContain('\r\nopen_at_risk,2\r\n');
      const years = text(
        (await get(`/api/statistics/contacts-per-year.csv?fromYear=2022&toYear=2022&unitCode=${UNIT_A}`))
          .rawPayload,
      );
      expect(years).toBe(
        '\uFEFFyear,total,phone,portal,mobile,email,chat,open311,phone_percent,portal_percent,mobile_percent,email_percent,chat_percent,open311_percent\r\n' +
          '2022,1,0,0,0,0,1,0,0,0,0,0,100,0\r\n',
      );
    });
  });

  describe('access', () => {
    const routes = [
      '/api/statistics/overview',
      '/api/statistics/overview.csv',
      '/api/statistics/open-cases.csv?slaState=AT_RISK',
      '/api/statistics/on-time',
      '/api/statistics/on-time.csv',
      '/api/statistics/volumes?dimension=kind',
      '/api/statistics/volumes.csv?dimension=kind',
      '/api/statistics/contacts-per-year',
      '/api/statistics/contacts-per-year.csv',
    ];

    it.each(['manager', 'admin', 'clerk'])('lets %s read every figure of the city', async (username) => {
      for (const url of routes) {
        const response = await get(url, username);
        expect({ url, status: response.statusCode }).toEqual({ url, status: 200 });
      }
    });

    it('asks for a sign-in', async () => {
      for (const url of routes) {
        const response = await get(url, null);
        expect({ url, status: response.statusCode }).toEqual({ url, status: 401 });
      }
    });

    it("gives unit staff their own unit's figures and refuses any other unit", async () => {
      const own = await get('/api/statistics/overview', 'zdm');
      expect(own.statusCode).toBe(200);
      expect(own.json().unitCode).toBe('ZDM');
      expect(own.json().breached.every((c: { unitCode: string }) => c.unitCode === 'ZDM')).toBe(true);
      expect((await get('/api/statistics/overview?unitCode=ZDM', 'zdm')).statusCode).toBe(200);
      for (const url of routes) {
        const separator = url.includes('?') ? '&' : '?';
        const response = await get(`${url}${separator}unitCode=${UNIT_A}`, 'zdm');
        expect({ url, status: response.statusCode }).toEqual({ url, status: 403 });
      }
      const asManager = (await get('/api/statistics/overview?unitCode=ZDM')).json();
      expect(own.json().open).toEqual(asManager.open);
      expect(own.json().breaches).toEqual(asManager.breaches);
    });
  });

  describe('bad parameters', () => {
    it.each([
      ['a missing dimension', '/api/statistics/volumes', 400, 'query.dimension'],
      ['an unknown bucket', '/api/statistics/volumes?dimension=kind&bucket=hour', 400, 'query.bucket'],
      ['a malformed day', '/api/statistics/on-time?from=2021-13-01', 400, 'query.from'],
      ['an unknown separator', '/api/statistics/on-time.csv?separator=tab', 400, 'query.separator'],
      ['a year out of range', '/api/statistics/contacts-per-year?fromYear=1999', 400, 'query.fromYear'],
      ['a reversed period', '/api/statistics/on-time?from=2021-03-31&to=2021-03-01', 422, 'query.from'],
      [
        'a year of days',
        '/api/statistics/volumes?dimension=kind&bucket=day&from=2020-01-01&to=2021-01-01',
        422,
        'query.to',
      ],
      [
        'eleven years of months',
        '/api/statistics/volumes.csv?dimension=kind&bucket=month&from=2010-01-01&to=2021-01-01',
        422,
        'query.to',
      ],
      [
        'reversed years',
        '/api/statistics/contacts-per-year?fromYear=2022&toYear=2021',
        422,
        'query.fromYear',
      ],
      ['21 years', '/api/statistics/contacts-per-year?fromYear=2000&toYear=2020', 422, 'query.toYear'],
      ['an unknown unit', '/api/statistics/overview?unitCode=NOPE', 422, 'query.unitCode'],
    ])('refuses %s, naming the parameter', async (_what, url, status, field) => {
      const response = await get(url);
      expect(response.statusCode).toBe(status);
      expect(Object.keys(response.json().errors ?? {})).toContain(field);
    });

    it('accepts a year of days and ten years of months', async () => {
      const days = await get(
        '/api/statistics/volumes?dimension=kind&bucket=day&from=2020-01-01&to=2020-12-31',
      );
      expect(days.json().periods).toHaveLength(366);
      const months = await get(
        '/api/statistics/volumes?dimension=kind&bucket=month&from=2011-01-01&to=2020-12-31',
      );
      expect(months.json().periods).toHaveLength(120);
    });
  });

  it('describes every statistics route in the OpenAPI document', async () => {
    const paths = Object.keys((await fixture.app.inject('/docs/json')).json().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/statistics/overview',
        '/api/statistics/overview.csv',
        '/api/statistics/open-cases.csv',
        '/api/statistics/on-time',
        '/api/statistics/on-time.csv',
        '/api/statistics/volumes',
        '/api/statistics/volumes.csv',
        '/api/statistics/contacts-per-year',
        '/api/statistics/contacts-per-year.csv',
      ]),
    );
  });

  it('counts a case filed through the public API and routed by the workflow', async () => {
    const filed = (
      await fixture.app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        payload: {
          kind: 'INCIDENT',
          eventCode: 'STATPROBE',
          description: 'Sonda do statystyk',
          district: 'Wola',
        },
      })
    ).json<{ id: string; number: string }>();
    await eventually(
      async () => {
        const [row] = await db().execute<{ status: string }[]>('select status from cases where id = ?', [
          filed.id,
        ]);
        return row?.status === 'FORWARDED';
      },
      { what: 'the probe case to be forwarded' },
    );
    const overview = (await get(`/api/statistics/overview?unitCode=${UNIT_A}`)).json();
    expect(overview.open.bySlaState.ON_TRACK).toBe(3);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(new Date());
    const volumes = (
      await get(`/api/statistics/volumes?unitCode=${UNIT_A}&dimension=event&from=${today}&to=${today}`)
    ).json();
    expect(volumes.rows.find((row: { key: string }) => row.key === 'STATPROBE')).toEqual({
      period: today,
      key: 'STATPROBE',
      count: 1,
    });

    const audit = await get(
      `/api/case-events?filter=${encodeURIComponent(JSON.stringify({ caseId: filed.id, type: 'ROUTED', actor: 'system' }))}`,
    );
    expect(audit.json()).toEqual([
      expect.objectContaining({
        caseId: filed.id,
        caseNumber: filed.number,
        type: 'ROUTED',
        actor: 'system',
      }),
    ]);
  });

  describe('the audit trail', () => {
    const events = async (filter: Record<string, unknown>, username = 'manager', sort = '["id","ASC"]') =>
      get(
        `/api/case-events?sort=${encodeURIComponent(sort)}&filter=${encodeURIComponent(JSON.stringify(filter))}`,
        username,
      );
    const day = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(at);

    it('filters by type, one or several, and names the case', async () => {
      const escalations = await events({ caseId: open.longOverdue.id, type: 'SLA_ESCALATED' });
      expect(escalations.statusCode).toBe(200);
      expect(escalations.json()).toEqual([
        expect.objectContaining({ type: 'SLA_ESCALATED', caseNumber: open.longOverdue.number }),
      ]);
      const several = await events({ caseId: open.overdue.id, type: ['SLA_BREACHED', 'SLA_ESCALATED'] });
      expect(several.json()).toHaveLength(3);
      expect(several.headers['content-range']).toBe('case-events 0-2/3');
    });

    it('filters by who acted, as a username or as stored', async () => {
      for (const actor of ['manager', 'user:manager']) {
        const response = await events({ caseId: open.longOverdue.id, actor });
        expect(response.json()).toEqual([
          expect.objectContaining({
            type: 'COMMENTED',
            actor: 'user:manager',
            note: 'Pilne – proszę o eskalację',
            caseNumber: open.longOverdue.number,
          }),
        ]);
      }
      expect((await events({ caseId: open.longOverdue.id, actor: 'clerk' })).json()).toEqual([]);
    });

    it('filters by Warsaw days or instants, newest first when asked', async () => {
      const eightDaysAgo = eventTimes[4].at;
      const old = await events({ caseId: open.overdue.id, createdAt_lte: day(eightDaysAgo) });
      expect(old.json().map((e: { createdAt: string }) => e.createdAt)).toEqual([eightDaysAgo.toISOString()]);
      const sinceMidnight = await events(
        { caseId: open.overdue.id, createdAt_gte: todayStart.toISOString() },
        'manager',
        '["createdAt","DESC"]',
      );
      const expected = eventTimes
        .filter((e, index) => [0, 3, 4].includes(index) && e.at >= todayStart)
        .map((e) => e.at.getTime())
        .sort((a, b) => b - a);
      expect(sinceMidnight.json().map((e: { createdAt: string }) => Date.parse(e.createdAt))).toEqual(
        expected,
      );
    });

    it('refuses malformed filters and keeps unit staff to their cases', async () => {
      expect((await events({ type: "ROUTED' or 1=1 --" })).statusCode).toBe(400);
      expect((await events({ createdAt_gte: 'yesterday' })).statusCode).toBe(400);
      expect((await events({ caseId: open.longOverdue.id }, 'zdm')).json()).toEqual([]);
    });
  });
});
