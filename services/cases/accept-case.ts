import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Case, CaseEvent, CaseEventType, District } from '../../db/entities';
import type { Actor } from '../../domain/cases/case-actions';
import type { CaseKind, Channel, Priority } from '../../domain/cases/case-states';
import { formatCaseNumber } from '../../domain/cases/case-number';
import { AppError } from '../../domain/errors';
import { startCaseWorkflow, type StartCaseDeps } from './start-case-workflow';

export interface NewCase {
  /** Null when the channel does not ask (e-mail): stored as INCIDENT until the classifier decides. */
  kind: CaseKind | null;
  channel: Channel;
  eventCode: string | null;
  description: string;
  district: string | null;
  lat: number | null;
  lon: number | null;
  street: string | null;
  building: string | null;
  contact: { name: string | null; email: string | null; phone: string | null };
  language: 'pl' | 'en';
  /** The resident agreed to publish the description; channels that never ask leave it out (no). */
  publicationConsent?: boolean;
}

export type AcceptCaseDeps = StartCaseDeps;

/**
 * A case a staff member recorded for the resident (a phone call). The CREATED event keeps who and
 * the channel's details; `details.answeredOnIntake` ({ text }) makes the workflow answer it at once.
 */
export interface StaffIntake {
  actor: Actor;
  details: { answeredOnIntake?: { text: string }; [detail: string]: unknown };
}

export interface AcceptedCase {
  row: Case;
  /** False when an earlier request with the same idempotency key created it. */
  created: boolean;
}

/** Canonical JSON (sorted keys) so the same body hashes the same whatever its key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonical(body)).digest('hex');
}

/**
 * An Idempotency-Key as stored: within the client that sent it (an address on the public API), so
 * one client's key never replays, or collides with, another client's case. The address is hashed:
 * the cases table keeps no client addresses.
 */
export function clientScopedKey(client: string, key: string | undefined): string | undefined {
  if (!key) return undefined;
  return `client:${createHash('sha256').update(client).digest('hex').slice(0, 24)}:${key}`;
}

/** The calendar year in Warsaw: a case filed at 00:30 on 1 January local time belongs to the new year. */
function warsawYear(date: Date): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Warsaw', year: 'numeric' }).format(date));
}

class IdempotentReplay extends Error {}

/**
 * Accepts a case from any channel: validates it against the configured taxonomy, stores it with
 * its number in one transaction, then starts its workflow. When the process dies between the
 * commit and the workflow start, the reconciler in the worker starts it; a replayed request with
 * the same idempotency key returns the stored case instead of creating a second one.
 */
export async function acceptCase(
  deps: AcceptCaseDeps,
  input: NewCase,
  options: {
    idempotencyKey?: string;
    hashOf?: unknown;
    recordedBy?: StaffIntake;
    /**
     * Runs in the case's own transaction after its CREATED event (a chat's transcript and the
     * chat's closing): what it writes exists exactly when the case does. Throwing undoes both.
     */
    alongside?: (tx: EntityManager, created: { id: string; number: string }) => Promise<void>;
  } = {},
): Promise<AcceptedCase> {
  const em = deps.orm.em.fork();
  const hash = options.idempotencyKey ? requestHash(options.hashOf ?? input) : null;

  if (options.idempotencyKey) {
    const existing = await findReplay(em, options.idempotencyKey, hash);
    if (existing) return finishReplay(deps, existing);
  }

  const eventType = await validateAgainstReference(em, input);
  const now = new Date();
  const id = randomUUID();
  try {
    const row = await em.transactional(async (tx) => {
      const year = warsawYear(now);
      const [counter] = await tx.execute<{ last_value: number }[]>(
        `insert into case_number_counters (year, last_value) values (?, 1)
         on conflict (year) do update set last_value = case_number_counters.last_value + 1
         returning last_value`,
        [year],
      );
      const inserted = await tx.execute<{ id: string }[]>(
        `insert into cases (id, number, kind, status, event_code, district, channel, priority, language,
           description, publication_consent, lat, lon, street, building, contact_name, contact_email,
           contact_phone, idempotency_key, request_hash, created_at, updated_at)
         values (?, ?, ?, 'NEW', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         on conflict (idempotency_key) do nothing
         returning id`,
        [
          id,
          formatCaseNumber(counter.last_value, year),
          input.kind ?? 'INCIDENT',
          input.eventCode,
          input.district,
          input.channel,
          (eventType?.priority as Priority | undefined) ?? 'normal',
          input.language,
          input.description,
          input.publicationConsent ?? false,
          input.lat,
          input.lon,
          input.street,
          input.building,
          input.contact.name,
          input.contact.email,
          input.contact.phone,
          options.idempotencyKey ?? null,
          hash,
          now,
          now,
        ],
      );
      // A concurrent request with the same key won the race: undo our number and reuse its case.
      if (inserted.length === 0) throw new IdempotentReplay();
      await tx.insert(CaseEvent, {
        caseId: id,
        eventKey: 'v1',
        type: 'CREATED',
        actor: options.recordedBy ? `user:${options.recordedBy.actor.id}` : `channel:${input.channel}`,
        actorRole: options.recordedBy?.actor.role,
        status: 'NEW',
        isPublic: true,
        payload: {
          channel: input.channel,
          kind: input.kind,
          eventCode: input.eventCode,
          ...(options.recordedBy
            ? { recordedBy: options.recordedBy.actor, ...options.recordedBy.details }
            : {}),
        },
        createdAt: now,
      });
      if (options.alongside) {
        await options.alongside(tx, {
          id,
          number: formatCaseNumber(counter.last_value, year),
        });
      }
      return tx.findOneOrFail(Case, { id });
    });
    await startWorkflowOrLeaveToReconciler(deps, row);
    return { row, created: true };
  } catch (error) {
    if (error instanceof IdempotentReplay && options.idempotencyKey) {
      const existing = await findReplay(em.fork(), options.idempotencyKey, hash);
      if (existing) return finishReplay(deps, existing);
    }
    throw error;
  }
}

async function findReplay(em: EntityManager, key: string, hash: string | null): Promise<Case | null> {
  const existing = await em.findOne(Case, { idempotencyKey: key }, { refresh: true });
  if (existing && existing.requestHash !== hash) {
    // Nothing about the stored case: not even its number is the business of whoever reused the key.
    throw new AppError(
      'IDEMPOTENCY_CONFLICT',
      'This Idempotency-Key was already used with a different request body',
    );
  }
  return existing;
}

async function finishReplay(deps: AcceptCaseDeps, row: Case): Promise<AcceptedCase> {
  // The first request may have died before starting the workflow: starting it again is harmless.
  if (!row.workflowStartedAt) await startWorkflowOrLeaveToReconciler(deps, row);
  return { row, created: false };
}

/**
 * The case is committed: from here it is accepted, whatever happens to Temporal. If the workflow
 * cannot start now (Temporal down, a timeout), the resident still gets the case number and the
 * worker's reconciler starts the workflow when Temporal answers again.
 */
async function startWorkflowOrLeaveToReconciler(deps: AcceptCaseDeps, row: Case): Promise<void> {
  try {
    await startCaseWorkflow(deps, row);
  } catch (error) {
    deps.log?.(
      `case ${row.number} accepted; its workflow will be started by the reconciler: ${String(error)}`,
    );
  }
}

async function validateAgainstReference(em: EntityManager, input: NewCase): Promise<CaseEventType | null> {
  const fields: { field: string; message: string }[] = [];
  let eventType: CaseEventType | null = null;
  if (input.eventCode) {
    eventType = await em.findOne(CaseEventType, { code: input.eventCode, active: true });
    if (!eventType) fields.push({ field: 'eventCode', message: `unknown event code "${input.eventCode}"` });
    else if (input.kind !== 'INCIDENT') {
      fields.push({ field: 'eventCode', message: 'an event code applies only to INCIDENT cases' });
    }
  }
  if (input.district && !(await em.findOne(District, { name: input.district }))) {
    fields.push({ field: 'district', message: `unknown district "${input.district}"` });
  }
  const anonymous = !input.contact.name && !input.contact.email && !input.contact.phone;
  if (eventType && !eventType.allowsAnonymous && anonymous) {
    fields.push({ field: 'contact', message: `event "${eventType.code}" needs contact data` });
  }
  if (fields.length > 0) {
    throw new AppError('UNPROCESSABLE', 'The case does not fit the city taxonomy', { fields });
  }
  return eventType;
}
