import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { searchAttributes } from '../../workflows/search-attributes';
import { ensureSearchAttributes } from './temporal-dev-server';

const RETENTION_DAYS = 30;

/**
 * On a Temporal cluster (not the dev server, which creates both at start): registers the
 * namespace when it is missing, then the custom search attributes. A new namespace takes a few
 * seconds to reach every frontend, so the attribute step retries for a while.
 */
export async function ensureNamespaceAndSearchAttributes(
  address: string,
  namespace: string,
  log: (line: string) => void,
): Promise<void> {
  const connection = await Connection.connect({ address, connectTimeout: 10_000 });
  try {
    try {
      await connection.workflowService.describeNamespace({ namespace });
    } catch (error) {
      if (!(error instanceof Error) || !/not found/i.test(error.message)) throw error;
      log(`registering Temporal namespace "${namespace}" (retention ${RETENTION_DAYS} days)`);
      await connection.workflowService.registerNamespace({
        namespace,
        workflowExecutionRetentionPeriod: msToTs(`${RETENTION_DAYS} days`),
      });
    }
  } finally {
    await connection.close();
  }
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const added = await ensureSearchAttributes(address, namespace, searchAttributes);
      if (added.length) log(`registered search attributes: ${added.join(', ')}`);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
}
