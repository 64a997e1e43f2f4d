import type { CaseKind, CaseStatus, Channel } from '../../domain/cases/case-states';
import type { CaseMetrics, ServiceDeps } from '../service-deps';
import { acceptCase, clientScopedKey, type NewCase } from './accept-case';
import { caseSettings } from './start-case-workflow';
import { trackingToken } from './tracking-token';

export interface FiledResidentCase {
  number: string;
  status: CaseStatus;
  channel: Channel;
  kind: CaseKind;
  trackingToken: string;
  /** False when an earlier request with the same Idempotency-Key filed it: the answer is replayed. */
  created: boolean;
}

/**
 * A case a resident files through the public API (the portal, a mobile app). The Idempotency-Key
 * holds within the client's address; a case filed (not replayed) is counted.
 */
export async function fileResidentCase(
  deps: Pick<ServiceDeps, 'orm' | 'temporal' | 'config'> & { metrics: CaseMetrics },
  input: NewCase,
  request: { client: string; idempotencyKey?: string; body: unknown; log: (message: string) => void },
): Promise<FiledResidentCase> {
  const accepted = await acceptCase(
    {
      orm: deps.orm,
      temporal: deps.temporal,
      taskQueue: deps.config.temporal.taskQueue,
      settings: caseSettings(deps.config),
      log: request.log,
    },
    input,
    { idempotencyKey: clientScopedKey(request.client, request.idempotencyKey), hashOf: request.body },
  );
  if (accepted.created) deps.metrics.caseAccepted({ channel: accepted.row.channel, kind: accepted.row.kind });
  return {
    number: accepted.row.number,
    status: accepted.row.status,
    channel: accepted.row.channel,
    kind: accepted.row.kind,
    trackingToken: trackingToken(deps.config.secret, accepted.row.id),
    created: accepted.created,
  };
}
