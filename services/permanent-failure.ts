/**
 * A refusal no retry can change (the case does not exist, no SLA policy applies). `type` is the
 * stable name the worker's callers match on: an activity reports it to Temporal as a
 * non-retryable failure of that type, so the workflow is not held up by pointless retries.
 */
export class PermanentFailure extends Error {
  constructor(
    message: string,
    readonly type: string,
  ) {
    super(message);
    this.name = 'PermanentFailure';
  }
}
