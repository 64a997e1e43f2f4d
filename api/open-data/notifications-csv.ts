import type { NotificationRecord } from '../../services/open-data/notification-records';

/** Excel and LibreOffice read UTF-8 (Polish letters) only when the file starts with a BOM. */
export const UTF8_BOM = '\uFEFF';

/** The JSON record's fields, with the status history flattened to the current status. */
export const CSV_COLUMNS = [
  'notificationNumber',
  'category',
  'subcategory',
  'event',
  'notificationType',
  'city',
  'district',
  'street',
  'street2',
  'aparmentNumber',
  'xCoordWGS84',
  'yCoordWGS84',
  'createDate',
  'source',
  'deviceType',
  'status',
  'statusDescription',
  'statusChangeDate',
] as const;

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const isoDate = (epochMs: number) => new Date(epochMs).toISOString();

export function csvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\r\n`;
}

export function csvRow(record: NotificationRecord): string {
  const current = record.statuses[record.statuses.length - 1];
  const values: Record<(typeof CSV_COLUMNS)[number], string | number | null> = {
    notificationNumber: record.notificationNumber,
    category: record.category,
    subcategory: record.subcategory,
    event: record.event,
    notificationType: record.notificationType,
    city: record.city,
    district: record.district,
    street: record.street,
    street2: record.street2,
    aparmentNumber: record.aparmentNumber,
    xCoordWGS84: record.xCoordWGS84,
    yCoordWGS84: record.yCoordWGS84,
    createDate: isoDate(record.createDate),
    source: record.source,
    deviceType: record.deviceType,
    status: current?.status ?? null,
    statusDescription: current?.description ?? null,
    statusChangeDate: current ? isoDate(current.changeDate) : null,
  };
  return `${CSV_COLUMNS.map((column) => csvField(values[column])).join(',')}\r\n`;
}
