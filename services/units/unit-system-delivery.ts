import type { Orm } from '../../db/orm';
import { Case, Unit } from '../../db/entities';
import { signBody } from './unit-signature';
import { postToWebhook } from './webhook-address';

/** A case as the unit's own IT system gets it, with where and under which secret it goes. */
export interface UnitSystemDelivery {
  caseId: string;
  unitCode: string;
  webhookUrl: string;
  webhookSecret: string;
  /** The JSON body, signed exactly as sent. */
  body: string;
}

/** The case forwarded to the unit, worded for the unit's system; null when the unit has none. */
export async function unitSystemDelivery(
  orm: Orm,
  input: { caseId: string; unitCode: string; publicUrl: string },
): Promise<UnitSystemDelivery | null> {
  const em = orm.em.fork();
  const unit = await em.findOne(Unit, { code: input.unitCode });
  if (!unit?.webhookUrl || !unit.webhookSecret) return null;
  const row = await em.findOneOrFail(Case, { id: input.caseId });
  const body = JSON.stringify({
    type: 'case.forwarded',
    case: {
      id: row.id,
      number: row.number,
      kind: row.kind,
      eventCode: row.eventCode ?? null,
      priority: row.priority,
      description: row.description,
      district: row.district ?? null,
      location: {
        lat: row.lat ?? null,
        lon: row.lon ?? null,
        street: row.street ?? null,
        building: row.building ?? null,
      },
      resolutionDueAt: row.resolutionDueAt?.toISOString() ?? null,
    },
    callbackUrl: `${input.publicUrl}/api/connectors/units/${encodeURIComponent(unit.code)}/cases/${row.id}/status`,
  });
  return {
    caseId: row.id,
    unitCode: unit.code,
    webhookUrl: unit.webhookUrl,
    webhookSecret: unit.webhookSecret,
    body,
  };
}

/**
 * POSTs the case to the unit's webhook, signed with the unit's secret over a fresh timestamp. The
 * status comes back as it is (redirects are not followed); a webhook that leads to an internal
 * address throws InternalWebhookAddressError, and a unit system that does not answer throws too.
 */
export async function postToUnitSystem(
  delivery: UnitSystemDelivery,
  options: { idempotencyKey: string; allowedHosts: readonly string[] },
): Promise<{ status: number }> {
  const timestamp = Math.floor(Date.now() / 1000);
  return postToWebhook({
    url: delivery.webhookUrl,
    headers: {
      'content-type': 'application/json',
      'idempotency-key': options.idempotencyKey,
      'x-civicflow-timestamp': String(timestamp),
      'x-civicflow-signature': signBody(delivery.webhookSecret, delivery.body, timestamp),
    },
    body: delivery.body,
    allowedHosts: options.allowedHosts,
    timeoutMs: 10_000,
  });
}
