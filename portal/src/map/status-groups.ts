/**
 * The three things a resident wants to know from a marker: is it new, is someone on it, is it done.
 * Each group has a colour and a shape (circle, diamond, square) so the map does not lean on colour
 * alone; the legend and the table name them in words.
 */
export type StatusGroup = 'new' | 'progress' | 'resolved';

export const STATUS_GROUPS: StatusGroup[] = ['new', 'progress', 'resolved'];

const IN_PROGRESS = new Set(['FORWARDED', 'IN_PROGRESS', 'WAITING_FOR_RESIDENT']);
const NEW = new Set(['NEW', 'TRIAGE']);

export function statusGroup(status: string): StatusGroup {
  if (NEW.has(status)) return 'new';
  if (IN_PROGRESS.has(status)) return 'progress';
  return 'resolved';
}
