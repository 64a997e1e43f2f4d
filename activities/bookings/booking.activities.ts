import type { Config } from '../../config/config';
import type { Orm } from '../../services/service-deps';
import {
  notifyBookingResident,
  type BookingNotifyResult,
  type NotifyBookingInput,
} from '../../services/bookings/booking-notifications';
import { recordBookingStatus, type RecordBookingStatusInput } from '../../services/bookings/booking-status';
import {
  moveBookingSlot,
  type MoveBookingSlotInput,
  type MoveBookingSlotResult,
} from '../../services/bookings/move-booking-slot';
import { createMailer, type Mailer } from '../../services/mail/mailer';
import { activityLogger } from '../activity-logger';
import { reportPermanentFailures } from '../permanent-failures';

export type { BookingMailTemplate } from '../../services/bookings/booking-mail';
export type { BookingNotifyResult, NotifyBookingInput } from '../../services/bookings/booking-notifications';
export type { RecordBookingStatusInput } from '../../services/bookings/booking-status';
export type { MoveBookingSlotInput, MoveBookingSlotResult } from '../../services/bookings/move-booking-slot';

export interface BookingActivityDeps {
  orm: Orm;
  config: Config;
  /** Defaults to a mailer of its own over SMTP_URL. */
  mailer?: Mailer;
}

/** The booking workflow's activities. Each may run twice (a retry after a crash) with the same result. */
export function createBookingActivities(deps: BookingActivityDeps) {
  const { orm, config } = deps;
  const mailer = deps.mailer ?? createMailer(config);

  return {
    /**
     * Projects a status change; a change already made (a retry) is a success that changes nothing.
     * A booking missing or in another status fails for good (BOOKING_NOT_FOUND, BOOKING_STATE_MISMATCH).
     */
    async recordBookingStatus(input: RecordBookingStatusInput): Promise<{ changed: boolean }> {
      return reportPermanentFailures(() => recordBookingStatus(orm, input));
    },

    /**
     * Moves the booking to another slot in one transaction. A taken or impossible slot is an
     * answer, not a failure: nothing is retried and the workflow refuses the reschedule with it.
     */
    async moveBookingSlot(input: MoveBookingSlotInput): Promise<MoveBookingSlotResult> {
      return moveBookingSlot(orm, input);
    },

    /**
     * Mails the resident about the booking, with the visit as a calendar file, once per (booking,
     * event, address): a retry after a crash sends again with the same Message-ID. An address the
     * mail server refuses for good is answered as failed, not retried.
     */
    async notifyBookingResident(input: NotifyBookingInput): Promise<BookingNotifyResult> {
      return reportPermanentFailures(() =>
        notifyBookingResident({ orm, config, mailer, logger: activityLogger }, input),
      );
    },
  };
}
