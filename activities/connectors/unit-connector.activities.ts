import { createHmac } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import type { Orm } from '../../db/orm';
import { Case, Unit } from '../../db/entities';

export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export function createUnitConnectorActivities({ orm, publicUrl }: { orm: Orm; publicUrl: string }) {
  return {
    /**
     * Sends the case to the unit's own IT system, when it has one: a JSON body signed with the
     * unit's secret, and an Idempotency-Key per case and forwarding, so Temporal's retries with
     * backoff never create the case twice there. A 4xx other than 408/429 is permanent.
     */
    async sendCaseToUnitSystem(input: { caseId: string; unitCode: string; forwarding: number }): Promise<{
      sent: boolean;
      status?: number;
    }> {
      const em = orm.em.fork();
      const unit = await em.findOne(Unit, { code: input.unitCode });
      if (!unit?.webhookUrl || !unit.webhookSecret) return { sent: false };
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
        callbackUrl: `${publicUrl}/api/connectors/units/${encodeURIComponent(unit.code)}/cases/${row.id}/status`,
      });
      let response: Response;
      try {
        response = await fetch(unit.webhookUrl, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'idempotency-key': `${row.id}:${input.forwarding}`,
            'x-civicflow-signature': signBody(unit.webhookSecret, body),
          },
          body,
          signal: AbortSignal.timeout(10_000),
        });
      } catch (error) {
        throw new Error(
          `unit system of ${unit.code} unreachable: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
      }
      if (response.ok) return { sent: true, status: response.status };
      const permanent =
        response.status >= 400 && response.status < 500 && ![408, 429].includes(response.status);
      const message = `unit system of ${unit.code} answered ${response.status}`;
      if (permanent) throw ApplicationFailure.nonRetryable(message, 'UNIT_SYSTEM_REFUSED');
      throw new Error(message);
    },
  };
}
