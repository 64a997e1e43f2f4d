/** gRPC status UNAVAILABLE: the Temporal frontend could not be reached (no connection, refused, reset). */
const GRPC_UNAVAILABLE = 14;

/**
 * Whether an error means the Temporal server cannot be reached, as opposed to a refusal from a
 * workflow: the client tried for a while and never got its request to the server, so nothing
 * happened and the caller may try again later (503). Follows `cause` chains, since the client
 * wraps the gRPC error in a ServiceError.
 */
export function isTemporalUnavailable(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 5) return false;
  if ((error as { code?: unknown }).code === GRPC_UNAVAILABLE) return true;
  return isTemporalUnavailable(error.cause, depth + 1);
}
