export interface QuickFilter {
  /** The i18n key under civicflow.case.quick. */
  label: string;
  value: Record<string, unknown>;
}

/** Midnight of today in the browser's time zone, as an instant the API compares with. */
const startOfToday = () => {
  const today = new Date();
  today.setHours(0, 0, 0, 0);
  return today.toISOString();
};

/**
 * The sidebar's predefined filters for a role. "Past SLA" is the API's `overdue` filter (open and
 * past the resolution deadline), never `slaState: BREACHED`: a case cancelled, merged or resolved
 * after its breach keeps that state as its outcome, and nobody has to act on it any more.
 */
export function quickFilters(role: string | undefined, unitCode: string | null): QuickFilter[] {
  if (role === 'UNIT_STAFF' && unitCode) {
    return [
      { label: 'unit_new', value: { unitCode, status: 'FORWARDED' } },
      { label: 'unit_accepted', value: { unitCode, status: 'IN_PROGRESS' } },
      { label: 'unit_waiting', value: { unitCode, status: 'WAITING_FOR_RESIDENT' } },
      { label: 'unit_overdue', value: { unitCode, overdue: true } },
    ];
  }
  return [
    { label: 'triage', value: { status: 'TRIAGE' } },
    { label: 'new_today', value: { createdAt_gte: startOfToday() } },
    { label: 'breached', value: { overdue: true } },
    { label: 'at_risk', value: { slaState: 'AT_RISK' } },
  ];
}
