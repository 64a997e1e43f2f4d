import type { CaseSummary, ContactsPerYear, OnTime, Overview, Ratings, Volumes } from './statistics.schemas';

export type CsvSeparator = 'comma' | 'semicolon';
type Cell = string | number | null;

/**
 * One CSV document: RFC 4180 quoting, CRLF line ends and a byte order mark, so Excel opens Polish
 * letters correctly. With semicolons (Excel's separator in a Polish locale) decimals get a comma.
 * Text that a spreadsheet would run as a formula is prefixed with an apostrophe.
 */
export function toCsv(header: string[], rows: Cell[][], separator: CsvSeparator): Buffer {
  const sep = separator === 'semicolon' ? ';' : ',';
  const cell = (value: Cell): string => {
    if (value === null) return '';
    if (typeof value === 'number') {
      const text = Number.isInteger(value) ? String(value) : value.toFixed(1);
      return sep === ';' ? text.replace('.', ',') : text;
    }
    const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [header, ...rows].map((row) => row.map(cell).join(sep));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

export function overviewCsv(data: Overview, separator: CsvSeparator): Buffer {
  const rows: Cell[][] = [
    ['open_cases', data.open.total],
    ...Object.entries(data.open.bySlaState).map(([state, n]): Cell[] => [`open_${state.toLowerCase()}`, n]),
    ['breaches_today', data.breaches.today],
    ['breaches_this_week', data.breaches.thisWeek],
    ['escalations_today', data.escalations.today],
    ['escalations_this_week', data.escalations.thisWeek],
  ];
  return toCsv(['figure', 'value'], rows, separator);
}

export function caseSummaryCsv(cases: CaseSummary[], separator: CsvSeparator): Buffer {
  return toCsv(
    [
      'number',
      'status',
      'sla_state',
      'escalation_level',
      'resolution_due_at',
      'unit',
      'event',
      'district',
      'kind',
    ],
    cases.map((c) => [
      c.number,
      c.status,
      c.slaState,
      c.escalationLevel,
      c.resolutionDueAt,
      c.unitCode,
      c.eventCode,
      c.district,
      c.kind,
    ]),
    separator,
  );
}

export function onTimeCsv(data: OnTime, separator: CsvSeparator): Buffer {
  return toCsv(
    ['unit', 'unit_name', 'resolved', 'on_time', 'late', 'on_time_percent'],
    [
      ...data.units.map((u): Cell[] => [
        u.unitCode,
        u.unitName,
        u.resolved,
        u.onTime,
        u.late,
        percent(u.onTimeRate),
      ]),
      [
        'TOTAL',
        null,
        data.total.resolved,
        data.total.onTime,
        data.total.late,
        percent(data.total.onTimeRate),
      ],
    ],
    separator,
  );
}

/** One row per bucket, one column per value of the dimension (largest first), then the total. */
export function volumesCsv(data: Volumes, separator: CsvSeparator): Buffer {
  const cellKey = (period: string, key: string | null) => JSON.stringify([period, key]);
  const counts = new Map(data.rows.map((row) => [cellKey(row.period, row.key), row.count]));
  return toCsv(
    ['period', ...data.keys.map((key) => key ?? 'none'), 'total'],
    data.periods.map((period) => {
      const values = data.keys.map((key) => counts.get(cellKey(period, key)) ?? 0);
      return [period, ...values, values.reduce((sum, n) => sum + n, 0)];
    }),
    separator,
  );
}

export function contactsPerYearCsv(data: ContactsPerYear, separator: CsvSeparator): Buffer {
  return toCsv(
    [
      'year',
      'total',
      ...data.channels.map((channel) => channel.toLowerCase()),
      ...data.channels.map((channel) => `${channel.toLowerCase()}_percent`),
    ],
    data.years.map((year) => [
      year.year,
      year.total,
      ...year.byChannel.map((c) => c.count),
      ...year.byChannel.map((c) => percent(c.share)),
    ]),
    separator,
  );
}

/** One row per unit, then per event, then the total; the count of each score in its own column. */
export function ratingsCsv(data: Ratings, separator: CsvSeparator): Buffer {
  const scores = (d: Ratings['total']): Cell[] => d.distribution.map((s) => s.count);
  const average = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);
  return toCsv(
    ['group', 'code', 'name', 'ratings', 'average', 'score_1', 'score_2', 'score_3', 'score_4', 'score_5'],
    [
      ...data.units.map((u): Cell[] => [
        'unit',
        u.unitCode,
        u.unitName,
        u.count,
        average(u.average),
        ...scores(u),
      ]),
      ...data.events.map((e): Cell[] => [
        'event',
        e.eventCode,
        null,
        e.count,
        average(e.average),
        ...scores(e),
      ]),
      ['total', null, null, data.total.count, average(data.total.average), ...scores(data.total)],
    ],
    separator,
  );
}
