import { Client, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createActorProofActivities } from '../../activities/actor-proof.activities';
import { actorProofInterceptor } from '../../services/cases/actor-proof';
import { installQuietRuntime } from './quiet-runtime';
import { readTestServices } from './test-services';

/**
 * Workflow logic on the run's real Temporal dev server with fake activities (plain functions that
 * record their calls): a worker on the file's own task queue running the run's workflow bundle.
 */
export interface FakeActivitiesWorker {
  env: TestWorkflowEnvironment;
  client: Client;
  namespace: string;
  workflowBundlePath: string;
  /** Workflows the test started: terminated at close, so none outlives the file. */
  started: WorkflowHandle[];
  close(): Promise<void>;
}

/**
 * The workflows act only on updates and signals the API vouched for: the logic tests' client
 * vouches like the API's, and their workers check like the real one, with a key of their own.
 */
const LOGIC_ACTION_KEY = 'workflow-logic-tests-action-key-0123456789';
export const actorProofActivities = createActorProofActivities({ actionKey: LOGIC_ACTION_KEY });

export async function startFakeActivitiesWorker(
  taskQueue: string,
  activities: object,
): Promise<FakeActivitiesWorker> {
  installQuietRuntime();
  const { temporalAddress, namespace, workflowBundlePath } = readTestServices();
  const env = await TestWorkflowEnvironment.createFromExistingServer({ address: temporalAddress, namespace });
  const worker = await Worker.create({
    connection: env.nativeConnection,
    namespace,
    taskQueue,
    workflowBundle: { codePath: workflowBundlePath },
    activities: { ...actorProofActivities, ...activities },
  });
  const client = new Client({
    connection: env.connection,
    namespace,
    interceptors: { workflow: [actorProofInterceptor(LOGIC_ACTION_KEY)] },
  });
  const running = worker.run();
  const started: WorkflowHandle[] = [];
  return {
    env,
    client,
    namespace,
    workflowBundlePath,
    started,
    async close() {
      await Promise.all(started.map((handle) => handle.terminate('test over').catch(() => undefined)));
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await env.teardown();
    },
  };
}

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
