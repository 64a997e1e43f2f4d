import { timingSafeEqual } from 'node:crypto';
import { Case, Unit } from '../../db/entities';
import { caseWorkflowId } from '../../domain/cases/case-number';
import { AppError } from '../../domain/errors';
import { unitSystemStatusSignal, type UnitSystemStatus } from '../../workflows/case.messages';
import type { ServiceDeps } from '../service-deps';
import { CALLBACK_MAX_AGE_SECONDS, signBody } from './unit-signature';

function sameSignature(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Unix seconds as the header carries them, or null when the header is missing or not a number. */
function timestampOf(header: string | undefined): number | null {
  return header && /^\d{1,12}$/.test(header) ? Number(header) : null;
}

/** A status callback as it arrived: the exact body (the signature covers it) and its headers. */
export interface UnitCallback {
  unitCode: string;
  caseId: string;
  rawBody: string;
  signature: string | undefined;
  timestamp: string | undefined;
  status: UnitSystemStatus;
}

/**
 * A status callback from a unit's own IT system: the same signature scheme as our webhook to it
 * (HMAC-SHA256 of `<timestamp>.<exact body>` with the unit's secret), then a signal to the case's
 * workflow. A timestamp more than five minutes away from now is refused, and each `callbackId` is
 * taken once: a captured callback cannot be sent again, neither later nor within the five minutes.
 */
export async function receiveUnitCallback(
  deps: Pick<ServiceDeps, 'orm' | 'temporal'>,
  callback: UnitCallback,
): Promise<void> {
  const em = deps.orm.em.fork();
  const unit = await em.findOne(Unit, { code: callback.unitCode });
  const timestamp = timestampOf(callback.timestamp);
  const expected =
    unit?.webhookSecret && timestamp !== null
      ? signBody(unit.webhookSecret, callback.rawBody, timestamp)
      : null;
  if (!expected || !sameSignature(expected, callback.signature)) {
    throw new AppError(
      'UNAUTHENTICATED',
      'Missing or wrong signature (or X-Civicflow-Timestamp) for this unit',
    );
  }
  if (Math.abs(Date.now() / 1000 - timestamp!) > CALLBACK_MAX_AGE_SECONDS) {
    throw new AppError(
      'UNAUTHENTICATED',
      `The callback was signed more than ${CALLBACK_MAX_AGE_SECONDS} seconds from now: sign it again`,
    );
  }
  const row = await em.findOne(Case, { id: callback.caseId });
  if (!row || row.unitCode !== unit!.code) {
    throw new AppError('NOT_FOUND', `Case ${callback.caseId} is not with unit ${unit!.code}`);
  }
  const { callbackId } = callback.status;
  // The id is kept only if the signal went out: a callback Temporal did not take can be retried.
  await em.transactional(async (tx) => {
    const taken = await tx.execute<{ callback_id: string }[]>(
      `insert into unit_callbacks (unit_code, callback_id, case_id) values (?, ?, ?)
       on conflict do nothing returning callback_id`,
      [unit!.code, callbackId, row.id],
    );
    if (taken.length === 0) {
      throw new AppError('CONFLICT', `Callback ${callbackId} was already received from ${unit!.code}`);
    }
    // Past the timestamp window a replay is refused for its age: older ids need not be kept.
    await tx.execute(`delete from unit_callbacks where received_at < now() - interval '1 day'`);
    await deps.temporal.workflow
      .getHandle(caseWorkflowId(row.id))
      .signal(unitSystemStatusSignal, callback.status);
  });
}
