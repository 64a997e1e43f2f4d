import {
  BOOKING_STATUS_NAMES,
  CHANNEL_NAMES,
  KIND_NAMES,
  SLA_STATE_NAMES,
  STATUS_NAMES,
  type Language,
} from '../../domain/cases/case-names';
import type { VolumeDimension } from '../../domain/statistics/statistics-periods';
import { toCsv, warsawDateTime, type CsvCell } from '../../domain/text/csv';
import type { CaseSummary, ContactsPerYear, OnTime, Overview, Ratings, Volumes } from './figures';
import type { ReferenceNames } from './reference-names';

/**
 * The dashboard's tables as CSV in the back office's one format (domain/text/csv.ts), with names
 * where the screens show names: statuses, kinds, channels and SLA states as the back office calls
 * them (domain/cases/case-names.ts), units and events as stored, in the language asked for.
 */

const WORDS = {
  pl: {
    none: '(brak)',
    total: 'Razem',
    figure: 'Wskaźnik',
    value: 'Wartość',
    openCases: 'Otwarte sprawy',
    openIn: (state: string) => `Otwarte sprawy: ${state}`,
    noClock: 'bez terminu SLA',
    breachesToday: 'Przekroczenia SLA dziś',
    breachesThisWeek: 'Przekroczenia SLA w tym tygodniu',
    escalationsToday: 'Eskalacje dziś',
    escalationsThisWeek: 'Eskalacje w tym tygodniu',
    number: 'Numer',
    kind: 'Typ',
    status: 'Status',
    event: 'Zdarzenie',
    unit: 'Jednostka',
    district: 'Dzielnica',
    channel: 'Kanał',
    slaState: 'SLA',
    escalation: 'Eskalacja',
    resolutionDue: 'Termin realizacji',
    resolved: 'Załatwione',
    onTime: 'W terminie',
    late: 'Po terminie',
    onTimePercent: 'W terminie (%)',
    period: 'Okres',
    year: 'Rok',
    contacts: 'Zgłoszenia',
    percent: (name: string) => `${name} (%)`,
    group: 'Grupa',
    name: 'Nazwa',
    ratings: 'Oceny',
    average: 'Średnia',
    score: (score: number) => `Ocena ${score}`,
  },
  en: {
    none: '(none)',
    total: 'Total',
    figure: 'Figure',
    value: 'Value',
    openCases: 'Open cases',
    openIn: (state: string) => `Open cases: ${state}`,
    noClock: 'no SLA clock',
    breachesToday: 'SLA breaches today',
    breachesThisWeek: 'SLA breaches this week',
    escalationsToday: 'Escalations today',
    escalationsThisWeek: 'Escalations this week',
    number: 'Number',
    kind: 'Kind',
    status: 'Status',
    event: 'Event',
    unit: 'Unit',
    district: 'District',
    channel: 'Channel',
    slaState: 'SLA',
    escalation: 'Escalation',
    resolutionDue: 'Resolution due',
    resolved: 'Resolved',
    onTime: 'On time',
    late: 'Late',
    onTimePercent: 'On time (%)',
    period: 'Period',
    year: 'Year',
    contacts: 'Contacts',
    percent: (name: string) => `${name} (%)`,
    group: 'Group',
    name: 'Name',
    ratings: 'Ratings',
    average: 'Average',
    score: (score: number) => `Score ${score}`,
  },
} satisfies Record<Language, unknown>;

/** Codes as people read them; a code nobody named (a unit since deleted) stays as it is. */
function namer(lang: Language, references: ReferenceNames) {
  const words = WORDS[lang];
  const from =
    <K extends string>(names: Record<Language, Record<K, string>>) =>
    (code: string | null): string =>
      code === null ? words.none : ((names[lang] as Record<string, string>)[code] ?? code);
  const stored =
    (table: Map<string, { pl: string; en: string }>) =>
    (code: string | null): string =>
      code === null ? words.none : (table.get(code)?.[lang] ?? code);
  const status = from(STATUS_NAMES);
  const bookingStatus = from(BOOKING_STATUS_NAMES);
  return {
    words,
    kind: from(KIND_NAMES),
    channel: from(CHANNEL_NAMES),
    slaState: from(SLA_STATE_NAMES),
    // A case's status, or for a booking counted as a case its own.
    status: (code: string | null) =>
      code !== null && !(code in STATUS_NAMES[lang]) ? bookingStatus(code) : status(code),
    unit: stored(references.units),
    event: stored(references.events),
    district: (name: string | null) => name ?? words.none,
  };
}
type Namer = ReturnType<typeof namer>;

const DIMENSION_NAMES: Record<VolumeDimension, (names: Namer) => (key: string | null) => string> = {
  channel: (names) => names.channel,
  kind: (names) => names.kind,
  status: (names) => names.status,
  district: (names) => names.district,
  event: (names) => names.event,
  unit: (names) => names.unit,
};

const csvBody = (header: string[], rows: CsvCell[][]) => Buffer.from(toCsv(header, rows), 'utf8');
const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

export function overviewCsv(data: Overview, lang: Language, references: ReferenceNames): Buffer {
  const names = namer(lang, references);
  const { words } = names;
  const rows: CsvCell[][] = [
    [words.openCases, data.open.total],
    ...Object.entries(data.open.bySlaState).map(([state, n]): CsvCell[] => [
      words.openIn(state === 'NONE' ? words.noClock : names.slaState(state)),
      n,
    ]),
    [words.breachesToday, data.breaches.today],
    [words.breachesThisWeek, data.breaches.thisWeek],
    [words.escalationsToday, data.escalations.today],
    [words.escalationsThisWeek, data.escalations.thisWeek],
  ];
  return csvBody([words.figure, words.value], rows);
}

export function caseSummaryCsv(cases: CaseSummary[], lang: Language, references: ReferenceNames): Buffer {
  const names = namer(lang, references);
  const { words } = names;
  return csvBody(
    [
      words.number,
      words.status,
      words.slaState,
      words.escalation,
      words.resolutionDue,
      words.unit,
      words.event,
      words.district,
      words.kind,
    ],
    cases.map((c) => [
      c.number,
      names.status(c.status),
      c.slaState ? names.slaState(c.slaState) : null,
      c.escalationLevel,
      warsawDateTime(c.resolutionDueAt),
      c.unitCode ? names.unit(c.unitCode) : null,
      c.eventCode ? names.event(c.eventCode) : null,
      c.district,
      names.kind(c.kind),
    ]),
  );
}

export function onTimeCsv(data: OnTime, lang: Language, references: ReferenceNames): Buffer {
  const names = namer(lang, references);
  const { words } = names;
  return csvBody(
    [words.unit, words.resolved, words.onTime, words.late, words.onTimePercent],
    [
      ...data.units.map((u): CsvCell[] => [
        u.unitCode ? names.unit(u.unitCode) : words.none,
        u.resolved,
        u.onTime,
        u.late,
        percent(u.onTimeRate),
      ]),
      [words.total, data.total.resolved, data.total.onTime, data.total.late, percent(data.total.onTimeRate)],
    ],
  );
}

/** One row per bucket, one column per value of the dimension (largest first), then the total. */
export function volumesCsv(data: Volumes, lang: Language, references: ReferenceNames): Buffer {
  const names = namer(lang, references);
  const name = DIMENSION_NAMES[data.dimension](names);
  const cellKey = (period: string, key: string | null) => JSON.stringify([period, key]);
  const counts = new Map(data.rows.map((row) => [cellKey(row.period, row.key), row.count]));
  return csvBody(
    [names.words.period, ...data.keys.map(name), names.words.total],
    data.periods.map((period) => {
      const values = data.keys.map((key) => counts.get(cellKey(period, key)) ?? 0);
      return [period, ...values, values.reduce((sum, n) => sum + n, 0)];
    }),
  );
}

export function contactsPerYearCsv(
  data: ContactsPerYear,
  lang: Language,
  references: ReferenceNames,
): Buffer {
  const names = namer(lang, references);
  const { words } = names;
  return csvBody(
    [
      words.year,
      words.contacts,
      ...data.channels.map(names.channel),
      ...data.channels.map((channel) => words.percent(names.channel(channel))),
    ],
    data.years.map((year) => [
      year.year,
      year.total,
      ...year.byChannel.map((c) => c.count),
      ...year.byChannel.map((c) => percent(c.share)),
    ]),
  );
}

/** One row per unit, then per event, then the total; the count of each score in its own column. */
export function ratingsCsv(data: Ratings, lang: Language, references: ReferenceNames): Buffer {
  const names = namer(lang, references);
  const { words } = names;
  const scores = (d: Ratings['total']): CsvCell[] => d.distribution.map((s) => s.count);
  const average = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);
  return csvBody(
    [
      words.group,
      words.name,
      words.ratings,
      words.average,
      ...[1, 2, 3, 4, 5].map((score) => words.score(score)),
    ],
    [
      ...data.units.map((u): CsvCell[] => [
        words.unit,
        u.unitCode ? names.unit(u.unitCode) : words.none,
        u.count,
        average(u.average),
        ...scores(u),
      ]),
      ...data.events.map((e): CsvCell[] => [
        words.event,
        names.event(e.eventCode),
        e.count,
        average(e.average),
        ...scores(e),
      ]),
      [words.total, null, data.total.count, average(data.total.average), ...scores(data.total)],
    ],
  );
}
