import { downloadCSV, type RaRecord } from 'react-admin';

type Cell = string | number | boolean | null | undefined;

const cell = (value: Cell): string => {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // A spreadsheet would run text starting like a formula: neutralise it.
  const safe = typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The audit list as CSV, with a byte order mark so Excel reads Polish letters. */
export function exportAuditCsv(records: RaRecord[]): void {
  const columns = ['id', 'createdAt', 'actor', 'actorRole', 'type', 'status', 'caseNumber', 'caseId', 'note'];
  const lines = [
    columns.join(','),
    ...records.map((record) => columns.map((column) => cell(record[column] as Cell)).join(',')),
  ];
  downloadCSV(`\uFEFF${lines.join('\r\n')}\r\n`, 'civicflow-audit');
}
