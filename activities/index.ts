import type { Config } from '../config/config';
import type { Orm } from '../services/service-deps';
import { createActorProofActivities } from './actor-proof.activities';
import { createCaseClassificationActivities } from './classification/case-classification.activities';
import { ClassifierService } from '../services/classification/classifier-service';
import { createUnitConnectorActivities } from './connectors/unit-connector.activities';
import { createCaseDuplicatesActivities } from './duplicates/case-duplicates.activities';
import { createBookingActivities } from './bookings/booking.activities';
import { createCaseProjectionActivities } from './case-projection.activities';
import { createCaseRoutingActivities } from './case-routing.activities';
import { createMailer, type Mailer } from '../services/mail/mailer';
import { createNotificationActivities } from './notifications/notification.activities';
import { createCaseSlaActivities } from './sla/case-sla.activities';

export interface ActivityDeps {
  orm: Orm;
  config: Config;
  classifier?: ClassifierService;
  mailer?: Mailer;
}

/** Every activity the worker registers, built over its dependencies. */
export function createActivities(deps: ActivityDeps) {
  const classifier =
    deps.classifier ?? new ClassifierService(deps.orm, { modelFile: deps.config.cases.classifierModelFile });
  return {
    ...createCaseProjectionActivities(deps),
    ...createCaseRoutingActivities(deps),
    ...createCaseClassificationActivities({ orm: deps.orm, classifier }),
    ...createCaseSlaActivities(deps),
    ...createCaseDuplicatesActivities(deps),
    ...createUnitConnectorActivities({
      orm: deps.orm,
      publicUrl: deps.config.http.publicUrl,
      allowedHosts: deps.config.connectors.allowedHosts,
    }),
    ...createBookingActivities({ orm: deps.orm, config: deps.config }),
    ...createActorProofActivities({ actionKey: deps.config.temporal.actionKey }),
    ...createNotificationActivities({
      orm: deps.orm,
      config: deps.config,
      mailer: deps.mailer ?? createMailer(deps.config),
    }),
  };
}

export type Activities = ReturnType<typeof createActivities>;
