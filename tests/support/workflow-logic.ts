import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';

/** The refusal an update met in its validator or handler (fails the test when it was accepted). */
export async function refusalOf(
  update: Promise<unknown>,
): Promise<{ type: string | undefined | null; message: string }> {
  const error = await update.then(
    () => new Error('the update was accepted'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (error as WorkflowUpdateFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  return { type: (cause as ApplicationFailure).type, message: (cause as ApplicationFailure).message };
}
