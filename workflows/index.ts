/** The workflow bundle's entry: every workflow type the worker runs. */
export { caseWorkflow } from './case.workflow';
export { bookingWorkflow } from './booking.workflow';
