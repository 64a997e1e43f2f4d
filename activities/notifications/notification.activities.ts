import type { Config } from '../../config/config';
import type { Orm } from '../../services/service-deps';
import type { Mailer } from '../../services/mail/mailer';
import type { NotificationLogger, NotifyResult } from '../../services/notifications/notification-delivery';
import {
  notifyResident,
  type NotifyResidentInput,
} from '../../services/notifications/resident-notifications';
import { notifyStaff, type NotifyStaffInput } from '../../services/notifications/staff-notifications';
import { activityLogger } from '../activity-logger';
import { reportPermanentFailures } from '../permanent-failures';

export type { ResidentTemplate, StaffTemplate } from '../../services/mail/templates';
export type { NotificationLogger, NotifyResult } from '../../services/notifications/notification-delivery';
export type { NotifyResidentInput } from '../../services/notifications/resident-notifications';
export type { NotifyStaffInput } from '../../services/notifications/staff-notifications';

export interface NotificationDeps {
  orm: Orm;
  mailer: Mailer;
  config: Config;
  /** Defaults to the Temporal activity's logger, or the console when called outside an activity. */
  logger?: NotificationLogger;
}

/**
 * The case's mails. Each is sent once per (case, event, recipient) however often the activity
 * runs: rows already SENT are skipped on a retry, and a mail sent again after a crash keeps its
 * Message-ID. A mail server that cannot take the mail now throws, so Temporal retries; an address
 * refused for good is counted as failed and not retried; a case that does not exist fails for good.
 */
export function createNotificationActivities({
  orm,
  mailer,
  config,
  logger = activityLogger,
}: NotificationDeps) {
  const deps = { orm, mailer, config, logger };
  return {
    /**
     * Mails the resident of the case and the residents of the cases merged into it; an address
     * not yet confirmed gets only the acknowledgement with the confirmation link, and residents
     * following the case get their own short mail when it reaches an outcome.
     */
    async notifyResident(input: NotifyResidentInput): Promise<NotifyResult> {
      return reportPermanentFailures(() => notifyResident(deps, input));
    },

    /**
     * Mails the staff who must act: the unit's people and mailbox when a case arrives, its
     * supervisors when a deadline nears, and the managers as well once it has passed.
     */
    async notifyStaff(input: NotifyStaffInput): Promise<NotifyResult> {
      return reportPermanentFailures(() => notifyStaff(deps, input));
    },
  };
}

export type NotificationActivities = ReturnType<typeof createNotificationActivities>;
