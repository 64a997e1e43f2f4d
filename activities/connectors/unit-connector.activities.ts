import { ApplicationFailure } from '@temporalio/activity';
import type { Orm } from '../../services/service-deps';
import { postToUnitSystem, unitSystemDelivery } from '../../services/units/unit-system-delivery';
import { InternalWebhookAddressError } from '../../services/units/webhook-address';

export function createUnitConnectorActivities({
  orm,
  publicUrl,
  allowedHosts = [],
}: {
  orm: Orm;
  publicUrl: string;
  /** CONNECTOR_ALLOWED_HOSTS: webhook hosts that may resolve to internal addresses. */
  allowedHosts?: readonly string[];
}) {
  return {
    /**
     * Sends the case to the unit's own IT system, when it has one: a JSON body signed with the
     * unit's secret, and an Idempotency-Key per case and forwarding, so Temporal's retries with
     * backoff never create the case twice there. A 4xx other than 408/429 is permanent, and so
     * are a redirect (never followed) and a webhook that leads to an internal address.
     */
    async sendCaseToUnitSystem(input: { caseId: string; unitCode: string; forwarding: number }): Promise<{
      sent: boolean;
      status?: number;
    }> {
      const delivery = await unitSystemDelivery(orm, {
        caseId: input.caseId,
        unitCode: input.unitCode,
        publicUrl,
      });
      if (!delivery) return { sent: false };
      const unitCode = delivery.unitCode;
      let response: { status: number };
      try {
        response = await postToUnitSystem(delivery, {
          idempotencyKey: `${delivery.caseId}:${input.forwarding}`,
          allowedHosts,
        });
      } catch (error) {
        if (error instanceof InternalWebhookAddressError) {
          throw ApplicationFailure.nonRetryable(
            `unit system of ${unitCode} refused: ${error.message}`,
            'UNIT_WEBHOOK_FORBIDDEN',
          );
        }
        throw new Error(
          `unit system of ${unitCode} unreachable: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
      }
      if (response.status >= 200 && response.status < 300) return { sent: true, status: response.status };
      if (response.status >= 300 && response.status < 400) {
        // Following it would let the unit's server send our signed case anywhere, internal hosts too.
        throw ApplicationFailure.nonRetryable(
          `unit system of ${unitCode} answered ${response.status}: redirects are not followed, configure the final URL`,
          'UNIT_SYSTEM_REFUSED',
        );
      }
      const permanent =
        response.status >= 400 && response.status < 500 && ![408, 429].includes(response.status);
      const message = `unit system of ${unitCode} answered ${response.status}`;
      if (permanent) throw ApplicationFailure.nonRetryable(message, 'UNIT_SYSTEM_REFUSED');
      throw new Error(message);
    },
  };
}
