import { CITY_TIME_ZONE } from '../../domain/statistics/statistics-periods';
import { iso } from '../cases/case-records';
import type { CaseSummary, OnTime, Overview } from './figures';
import { intakeBacklog } from './intake-backlog';
import { cityMidnight, OPEN_IN, unitFilter, withinDays, type Sql } from './statistics-sql';

interface CaseSummaryRow {
  id: string;
  number: string;
  kind: CaseSummary['kind'];
  status: CaseSummary['status'];
  event_code: string | null;
  unit_code: string | null;
  district: string | null;
  sla_state: CaseSummary['slaState'];
  escalation_level: number;
  resolution_due_at: Date | string | null;
}

const toSummary = (row: CaseSummaryRow): CaseSummary => ({
  id: row.id,
  number: row.number,
  kind: row.kind,
  status: row.status,
  eventCode: row.event_code,
  unitCode: row.unit_code,
  district: row.district,
  slaState: row.sla_state,
  escalationLevel: row.escalation_level,
  resolutionDueAt: iso(row.resolution_due_at),
});

/** Open cases in one SLA state, soonest (or longest overdue) resolution deadline first. */
export async function openCasesInSlaState(
  sql: Sql,
  slaState: 'AT_RISK' | 'BREACHED',
  unitCode: string | null,
  limit: number,
): Promise<CaseSummary[]> {
  const unit = unitFilter(unitCode);
  const rows = await sql.execute<CaseSummaryRow[]>(
    `select c.id, c.number, c.kind, c.status, c.event_code, c.unit_code, c.district, c.sla_state,
            c.escalation_level, c.resolution_due_at
       from cases c
      where c.status in (${OPEN_IN}) and c.sla_state = ?${unit.sql}
      order by c.resolution_due_at asc nulls last, c.id
      limit ?`,
    [slaState, ...unit.params, limit],
  );
  return rows.map(toSummary);
}

export async function overview(sql: Sql, unitCode: string | null): Promise<Overview> {
  const unit = unitFilter(unitCode);
  const [openRows, eventRows, atRisk, breached, waitingForWorkflow] = await Promise.all([
    sql.execute<{ sla_state: string | null; n: number }[]>(
      `select c.sla_state, count(*)::int as n from cases c
        where c.status in (${OPEN_IN})${unit.sql} group by c.sla_state`,
      unit.params,
    ),
    // "Today" and "this week" are the city's: since midnight and since Monday midnight in Warsaw.
    sql.execute<{ type: string; today: number; week: number }[]>(
      `select e.type,
              count(*) filter (where e.created_at >= ${cityMidnight(`date_trunc('day', now() at time zone '${CITY_TIME_ZONE}')`)})::int as today,
              count(*)::int as week
         from case_events e${unitCode ? ' join cases c on c.id = e.case_id' : ''}
        where e.type in ('SLA_BREACHED', 'SLA_ESCALATED')
          and e.created_at >= ${cityMidnight(`date_trunc('week', now() at time zone '${CITY_TIME_ZONE}')`)}${unit.sql}
        group by e.type`,
      unit.params,
    ),
    openCasesInSlaState(sql, 'AT_RISK', unitCode, 10),
    openCasesInSlaState(sql, 'BREACHED', unitCode, 10),
    // A case waiting for its first workflow step has no unit yet: the backlog is the city's.
    unitCode ? { cases: 0, oldestAcceptedAt: null } : intakeBacklog(sql),
  ]);
  const bySlaState = { ON_TRACK: 0, AT_RISK: 0, BREACHED: 0, PAUSED: 0, NONE: 0 };
  for (const row of openRows) {
    // MET on an open case cannot come from the workflow; counted as without a running clock.
    const key = row.sla_state && row.sla_state in bySlaState ? row.sla_state : 'NONE';
    bySlaState[key as keyof typeof bySlaState] += row.n;
  }
  const events = (type: string) => {
    const row = eventRows.find((r) => r.type === type);
    return { today: row?.today ?? 0, thisWeek: row?.week ?? 0 };
  };
  return {
    generatedAt: new Date().toISOString(),
    timeZone: CITY_TIME_ZONE,
    unitCode,
    open: { total: openRows.reduce((sum, row) => sum + row.n, 0), bySlaState },
    breaches: events('SLA_BREACHED'),
    escalations: events('SLA_ESCALATED'),
    waitingForWorkflow,
    atRisk,
    breached,
  };
}

const rate = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/** Cases resolved in the period with an SLA outcome: MET on time, BREACHED late. */
export async function onTimeByUnit(
  sql: Sql,
  period: { from: string; to: string },
  unitCode: string | null,
): Promise<OnTime> {
  const unit = unitFilter(unitCode);
  const rows = await sql.execute<
    { unit_code: string | null; unit_name: string | null; on_time: number; late: number }[]
  >(
    `select c.unit_code, u.name as unit_name,
            count(*) filter (where c.sla_state = 'MET')::int as on_time,
            count(*) filter (where c.sla_state = 'BREACHED')::int as late
       from cases c left join units u on u.code = c.unit_code
      where ${withinDays('c.resolved_at')} and c.sla_state in ('MET', 'BREACHED')${unit.sql}
      group by c.unit_code, u.name
      order by c.unit_code nulls last`,
    [period.from, period.to, ...unit.params],
  );
  const units = rows.map((row) => ({
    unitCode: row.unit_code,
    unitName: row.unit_name,
    resolved: row.on_time + row.late,
    onTime: row.on_time,
    late: row.late,
    onTimeRate: rate(row.on_time, row.on_time + row.late),
  }));
  const onTime = units.reduce((sum, u) => sum + u.onTime, 0);
  const late = units.reduce((sum, u) => sum + u.late, 0);
  return {
    ...period,
    unitCode,
    units,
    total: { resolved: onTime + late, onTime, late, onTimeRate: rate(onTime, onTime + late) },
  };
}
