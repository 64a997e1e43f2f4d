import { ApplicationFailure } from '@temporalio/activity';
import { PermanentFailure } from '../services/permanent-failure';

/**
 * Runs a service call for an activity: a service's permanent failure becomes a non-retryable
 * ApplicationFailure of the same type; anything else is thrown as it is, and Temporal retries it.
 */
export async function reportPermanentFailures<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof PermanentFailure) throw ApplicationFailure.nonRetryable(error.message, error.type);
    throw error;
  }
}
