/** The desk's own actions on a visit. */
export const STAFF_ACTIONS = ['check-in', 'no-show'] as const;
export type StaffAction = (typeof STAFF_ACTIONS)[number];

/** What a clerk may do to a visit: the desk's own actions, and the resident's on their behalf (a call to 19115). */
export const OFFICE_ACTIONS = [...STAFF_ACTIONS, 'cancel', 'reschedule'] as const;
export type OfficeAction = (typeof OFFICE_ACTIONS)[number];
