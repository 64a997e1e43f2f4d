import { Client, Connection } from '@temporalio/client';
import { effectiveTemporalAddress, type Config } from '../config/config';

/** A lazy connection: processes start (and report not ready) while Temporal is away. */
export function createTemporalClient(config: Config): Client {
  const connection = Connection.lazy({ address: effectiveTemporalAddress(config), connectTimeout: 3000 });
  return new Client({ connection, namespace: config.temporal.namespace });
}

/**
 * A connection for health probes only: no retry interceptor, so a probe is one call that ends at
 * its deadline instead of retrying in the background after the probe has answered.
 */
export function createTemporalProbeConnection(config: Config): Connection {
  return Connection.lazy({
    address: effectiveTemporalAddress(config),
    connectTimeout: 3000,
    interceptors: [],
  });
}
