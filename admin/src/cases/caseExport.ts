import { downloadCSV, type DataProvider, type Exporter, type SortPayload } from 'react-admin';

/** The API's largest page; the export fetches page after page up to EXPORT_LIMIT rows. */
export const EXPORT_PAGE = 500;
export const EXPORT_LIMIT = 10_000;

export interface ExportedCase {
  id: string;
  number: string;
  kind: string;
  status: string;
  eventCode: string | null;
  unitCode: string | null;
  district: string | null;
  channel: string;
  createdAt: string;
  resolutionDueAt: string | null;
  slaState: string | null;
  escalationLevel: number;
}

/**
 * The columns of the CSV: what a list shows, never the resident's contact details or the
 * description (the export leaves the system; personal data stays in it).
 */
const COLUMNS = [
  'number',
  'kind',
  'status',
  'eventCode',
  'unitCode',
  'district',
  'channel',
  'createdAt',
  'resolutionDueAt',
  'slaState',
  'escalationLevel',
] as const;

const csvCell = (value: string | number | null): string => {
  const text = value === null ? '' : String(value);
  // A leading =, +, - or @ would make a spreadsheet run the cell as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

const localTime = (iso: string | null): string => {
  if (!iso) return '';
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
};

export function casesToCsv(
  cases: ExportedCase[],
  translate: (key: string) => string,
  eventName: (code: string) => string,
): string {
  const header = COLUMNS.map((column) => csvCell(translate(`resources.cases.fields.${column}`)));
  const rows = cases.map((c) =>
    [
      c.number,
      translate(`civicflow.kind.${c.kind}`),
      translate(`civicflow.status.${c.status}`),
      c.eventCode ? eventName(c.eventCode) : null,
      c.unitCode,
      c.district,
      translate(`civicflow.channel.${c.channel}`),
      localTime(c.createdAt),
      localTime(c.resolutionDueAt),
      c.slaState ? translate(`civicflow.case.sla_state.${c.slaState}`) : null,
      c.escalationLevel,
    ]
      .map(csvCell)
      .join(','),
  );
  // The byte order mark lets spreadsheets read the Polish letters as UTF-8.
  return `\uFEFF${[header.join(','), ...rows].join('\r\n')}\r\n`;
}

/**
 * An exporter for react-admin's ExportButton. The button fetches the first page with the list's
 * filter and sort; the rest is fetched here with the same filter and sort.
 */
export function caseExporter(options: {
  filter: Record<string, unknown>;
  sort: SortPayload;
  translate: (key: string) => string;
  eventName: (code: string) => string;
}): Exporter {
  return async (firstPage, _fetchRelated, dataProvider: DataProvider) => {
    const cases = [...(firstPage as ExportedCase[])];
    for (let page = 2; cases.length === (page - 1) * EXPORT_PAGE && cases.length < EXPORT_LIMIT; page += 1) {
      const { data } = await dataProvider.getList<ExportedCase>('cases', {
        filter: options.filter,
        sort: options.sort,
        pagination: { page, perPage: EXPORT_PAGE },
      });
      cases.push(...data);
    }
    downloadCSV(
      casesToCsv(cases, options.translate, options.eventName),
      `cases-${localTime(new Date().toISOString()).slice(0, 10)}`,
    );
  };
}
