import { randomUUID } from 'node:crypto';
import { caseIdOfNumber, eventually, startTestApp, type TestApp } from '../support/integration';

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

  describe('one total per dashboard', () => {
    // Days nothing else in the test database is filed on: city-wide figures count every case.
    const from = '2019-06-10';
    const to = '2019-06-12';
    type Totals = { key: string | null; count: number }[];
    const volumesOf = async (dimension: string, unitCode?: string) => {
      const response = await get(
        `/api/statistics/volumes?dimension=${dimension}&bucket=day&from=${from}&to=${to}${unitCode ? `&unitCode=${unitCode}` : ''}`,
      );
      expect(response.statusCode).toBe(200);
      return response.json<{ total: number; totals: Totals; rows: { count: number }[] }>();
    };
    const countsOf = (totals: Totals) => Object.fromEntries(totals.map((t) => [String(t.key), t.count]));

    beforeAll(async () => {
      const cases: CaseFixture[] = [
        {
          unit: UNIT_A,
          channel: 'PHONE',
          kind: 'INCIDENT',
          status: 'CLOSED',
          createdAt: '2019-06-10T08:00:00Z',
        },
        {
          unit: null,
          channel: 'PORTAL',
          kind: 'INCIDENT',
          status: 'CLOSED',
          eventCode: 'GRAFFITI',
          createdAt: '2019-06-10T09:00:00Z',
        },
        {
          unit: null,
          channel: 'EMAIL',
          kind: 'INFORMATION',
          status: 'ANSWERED',
          createdAt: '2019-06-11T10:00:00Z',
        },
        {
          unit: UNIT_B,
          channel: 'MOBILE',
          kind: 'COMPLAINT',
          status: 'CANCELLED',
          createdAt: '2019-06-11T11:00:00Z',
        },
        // 23:59 on the 12th in Warsaw: inside; a minute later it is the 13th there.
        {
          unit: UNIT_B,
          channel: 'PORTAL',
          kind: 'SUGGESTION',
          status: 'RESOLVED',
          createdAt: '2019-06-12T21:59:00Z',
        },
        {
          unit: UNIT_B,
          channel: 'PORTAL',
          kind: 'SUGGESTION',
          status: 'RESOLVED',
          createdAt: '2019-06-12T22:00:00Z',
        },
      ];
      for (const c of cases) await insertCase({ district: null, ...c });
      const [office] = await db().execute<{ id: number }[]>(
        `insert into booking_offices (code, name, address, district, active)
         values (?, 'Urząd statystyk', 'ul. Testowa 1', 'Mokotów', false) returning id`,
        [`STAT-${suffix}`],
      );
      const [service] = await db().execute<{ id: number }[]>(
        `insert into booking_services (code, name_pl, name_en, duration_minutes, active)
         values (?, 'Dowód osobisty', 'Identity card', 15, false) returning id`,
        [`STAT-${suffix}`],
      );
      const bookings: [string, string, string][] = [
        ['2019-06-10T07:00:00Z', 'PORTAL', 'COMPLETED'],
        ['2019-06-10T07:30:00Z', 'PHONE', 'NO_SHOW'],
        ['2019-06-11T07:00:00Z', 'PORTAL', 'CANCELLED'],
        ['2019-06-12T07:00:00Z', 'MOBILE', 'CONFIRMED'],
        // A hold that expired never became a booking; one made on the 13th is outside.
        ['2019-06-12T08:00:00Z', 'PORTAL', 'EXPIRED'],
        ['2019-06-12T22:30:00Z', 'PORTAL', 'CONFIRMED'],
      ];
      for (const [index, [createdAt, channel, status]] of bookings.entries()) {
        const slotStart = new Date(Date.parse('2019-06-20T08:00:00Z') + index * 900_000);
        await db().execute(
          `insert into bookings (id, reference, token_hash, office_id, service_id, slot_start, slot_end, desk,
             status, channel, contact_name, contact_phone, created_at, updated_at)
           values (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, 'Statystyka', '+48 600 000 000', ?, ?)`,
          [
            randomUUID(),
            `S${suffix}-${index}`,
            '0'.repeat(64),
            office.id,
            service.id,
            slotStart,
            new Date(slotStart.getTime() + 900_000),
            status,
            channel,
            createdAt,
            createdAt,
          ],
        );
      }
    });

    it('counts bookings as cases of kind BOOKING in every breakdown, so all of them add up to one total', async () => {
      const dimensions = ['channel', 'kind', 'status', 'district', 'event', 'unit'];
      const figures = await Promise.all(dimensions.map((dimension) => volumesOf(dimension)));
      // Five cases and four bookings made within the three Warsaw days.
      for (const [index, figure] of figures.entries()) {
        const sum = (counts: { count: number }[]) => counts.reduce((total, c) => total + c.count, 0);
        expect({
          dimension: dimensions[index],
          total: figure.total,
          totals: sum(figure.totals),
          rows: sum(figure.rows),
        }).toEqual({
          dimension: dimensions[index],
          total: 9,
          totals: 9,
          rows: 9,
        });
      }
      const [byChannel, byKind, byStatus, byDistrict, byEvent, byUnit] = figures.map((f) =>
        countsOf(f.totals),
      );
      expect(byChannel).toEqual({ PORTAL: 4, PHONE: 2, MOBILE: 2, EMAIL: 1 });
      expect(byKind).toEqual({ BOOKING: 4, INCIDENT: 2, INFORMATION: 1, COMPLAINT: 1, SUGGESTION: 1 });
      // A booking's own status; a cancelled booking and a cancelled case are both cancelled.
      expect(byStatus).toEqual({
        CANCELLED: 2,
        CLOSED: 2,
        ANSWERED: 1,
        RESOLVED: 1,
        COMPLETED: 1,
        NO_SHOW: 1,
        CONFIRMED: 1,
      });
      expect(byDistrict).toEqual({ Mokotów: 4, null: 5 });
      expect(byEvent).toEqual({ POTHOLE: 4, GRAFFITI: 1, null: 4 });
      expect(byUnit).toEqual({ [UNIT_A]: 1, [UNIT_B]: 2, null: 6 });
    });

    it("counts no booking in a unit's figures, in any breakdown", async () => {
      const figures = await Promise.all(
        ['channel', 'kind', 'status'].map((dimension) => volumesOf(dimension, UNIT_B)),
      );
      expect(figures.map((f) => f.total)).toEqual([2, 2, 2]);
      expect(countsOf(figures[0].totals)).toEqual({ MOBILE: 1, PORTAL: 1 });
      expect(countsOf(figures[1].totals)).toEqual({ COMPLAINT: 1, SUGGESTION: 1 });
    });

    it('counts the same contacts per year as the volumes of that year', async () => {
      const year = (await get('/api/statistics/contacts-per-year?fromYear=2019&toYear=2019')).json();
      const months = (
        await get('/api/statistics/volumes?dimension=kind&bucket=month&from=2019-01-01&to=2019-12-31')
      ).json();
      expect(year.years[0].total).toBe(months.total);
      expect(year.years[0].total).toBeGreaterThanOrEqual(10);
      expect(months.totals.find((t: { key: string }) => t.key === 'BOOKING').count).toBeGreaterThanOrEqual(5);
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
    /** An instant as a clock in Warsaw shows it, computed here independently of the API. */
    const warsaw = (iso: string) =>
      new Intl.DateTimeFormat('sv-SE', {
        timeZone: 'Europe/Warsaw',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      }).format(new Date(iso));

    it('downloads volumes as an attachment for Excel in Polish, one named column per channel', async () => {
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
        '\uFEFFOkres;Telefon;E-mail;Aplikacja mobilna;Portal;Razem\r\n' +
          '2021-03-27;1;0;0;1;2\r\n2021-03-28;1;0;1;0;2\r\n2021-03-29;1;1;0;0;2\r\n',
      );
      const english = await get(
        `/api/statistics/volumes.csv?unitCode=${UNIT_A}&dimension=kind&bucket=month&from=2021-12-01&to=2022-01-31&lang=en`,
      );
      expect(text(english.rawPayload)).toBe(
        '\uFEFFPeriod;Question;Total\r\n2021-12-01;1;1\r\n2022-01-01;1;1\r\n',
      );
    });

    it('keeps Polish letters and defuses text a spreadsheet would run as a formula', async () => {
      const response = await get(
        `/api/statistics/volumes.csv?unitCode=${UNIT_A}&dimension=district&bucket=week&from=2021-03-27&to=2021-03-29`,
      );
      expect(text(response.rawPayload)).toBe(
        "\uFEFFOkres;Wola;Żoliborz;'=SUM(1);Razem\r\n2021-03-22;3;1;0;4\r\n2021-03-29;0;1;1;2\r\n",
      );
    });

    it('names units as stored and writes decimal commas', async () => {
      const response = await get(
        `/api/statistics/on-time.csv?from=2021-03-01&to=2021-03-31&unitCode=${UNIT_A}`,
      );
      expect(text(response.rawPayload)).toBe(
        '\uFEFFJednostka;Załatwione;W terminie;Po terminie;W terminie (%)\r\n' +
          `${UNIT_A_NAME};3;2;1;66,7\r\n` +
          'Razem;3;2;1;66,7\r\n',
      );
      const english = await get(
        `/api/statistics/on-time.csv?from=2021-03-01&to=2021-03-31&unitCode=${UNIT_A}&lang=en`,
      );
      expect(text(english.rawPayload)).toBe(
        '\uFEFFUnit;Resolved;On time;Late;On time (%)\r\n' +
          'Statistics test unit A;3;2;1;66,7\r\n' +
          'Total;3;2;1;66,7\r\n',
      );
    });

    it('lists the overdue cases with names and Warsaw times, the overview figures and the contacts per year', async () => {
      const overdue = text(
        (await get(`/api/statistics/open-cases.csv?unitCode=${UNIT_A}&slaState=BREACHED`)).rawPayload,
      );
      const lines = overdue.split('\r\n').filter(Boolean);
      expect(lines[0]).toBe(
        '\uFEFFNumer;Status;SLA;Eskalacja;Termin realizacji;Jednostka;Zdarzenie;Dzielnica;Typ',
      );
      expect(lines.slice(1).map((line) => line.split(';')[0])).toEqual([
        open.longOverdue.number,
        open.overdue.number,
      ]);
      const [{ resolution_due_at: due }] = await db().execute<{ resolution_due_at: Date }[]>(
        'select resolution_due_at from cases where id = ?',
        [open.longOverdue.id],
      );
      expect(lines[1]).toBe(
        `${open.longOverdue.number};Przekazane;Przekroczony;2;${warsaw(new Date(due).toISOString())};` +
          `${UNIT_A_NAME};Dziura w jezdni;Wola;Awaria / interwencja`,
      );
      const overview = text((await get(`/api/statistics/overview.csv?unitCode=${UNIT_A}`)).rawPayload);
      expect(overview).toContain('\r\nOtwarte sprawy;8\r\n');
      expect(overview).toContain('\r\nOtwarte sprawy: Zagrożony;2\r\n');
      expect(overview).toContain('\r\nOtwarte sprawy: bez terminu SLA;1\r\n');
      const years = text(
        (await get(`/api/statistics/contacts-per-year.csv?fromYear=2022&toYear=2022&unitCode=${UNIT_A}`))
          .rawPayload,
      );
      expect(years).toBe(
        '\uFEFFRok;Zgłoszenia;Telefon;Portal;Aplikacja mobilna;E-mail;Czat;Open311;' +
          'Telefon (%);Portal (%);Aplikacja mobilna (%);E-mail (%);Czat (%);Open311 (%)\r\n' +
          '2022;1;0;0;0;0;1;0;0;0;0;0;100;0\r\n',
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
      ['an unknown language', '/api/statistics/on-time.csv?lang=de', 400, 'query.lang'],
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
    const answer = (
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
    ).json<{ number: string }>();
    const filed = { ...answer, id: await caseIdOfNumber(fixture.orm, answer.number) };
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
