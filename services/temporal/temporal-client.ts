import { Client, Connection } from '@temporalio/client';
import { effectiveTemporalAddress, type Config } from '../../config/config';
import { actorProofInterceptor } from '../cases/actor-proof';
import { temporalDataConverter } from './temporal-payload-encryption';

/**
 * A lazy connection: processes start (and report not ready) while Temporal is away. Payloads are
 * encrypted, and every update and signal carries the proof that civicflow sent it.
 */
export function createTemporalClient(config: Config): Client {
  const connection = Connection.lazy({ address: effectiveTemporalAddress(config), connectTimeout: 3000 });
  return new Client({
    connection,
    namespace: config.temporal.namespace,
    dataConverter: temporalDataConverter(config),
    interceptors: { workflow: [actorProofInterceptor(config.temporal.actionKey)] },
  });
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
