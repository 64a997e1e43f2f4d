import type { Client } from '@temporalio/client';
import type { Config } from '../config/config';
import type { Orm } from '../db/orm';

/** What the services need from the process that runs them: the API, the worker or a script. */
export interface ServiceDeps {
  config: Config;
  orm: Orm;
  temporal: Client;
}

/** The counters a service bumps; the API implements them with Prometheus (api/metrics). */
export interface CaseMetrics {
  /** Counts a case accepted through any channel (not replays of an idempotency key). */
  caseAccepted(labels: { channel: string; kind: string }): void;
}

export type { Orm };
