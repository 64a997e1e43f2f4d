import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Config } from '../../config/config';
import { Booking, BookingOffice, BookingService } from '../../db/entities';
import type { Orm } from '../../db/orm';
import type { BookingStatus } from '../../domain/bookings/booking-states';
import type { BookingSlot } from '../../workflows/booking.messages';
import { MailRejectedError } from '../notifications/mailer';
import { messageIdDomain } from '../notifications/notification.activities';
import { bookingMail, type BookingMailTemplate } from './booking-mail';
import { createBookingMailer, type BookingMailer } from './booking-mailer';
import { SlotTakenError, SlotUnavailableError, moveBooking } from './booking-store';
import { bookingToken } from './booking-token';

export interface RecordBookingStatusInput {
  bookingId: string;
  /** The statuses the booking may be in for the change to apply. */
  from: BookingStatus[];
  to: BookingStatus;
  at: string;
  reason?: string | null;
}

export interface MoveBookingSlotInput {
  bookingId: string;
  officeId: number;
  slotStart: string;
}

export type MoveBookingSlotResult =
  | { moved: true; slot: BookingSlot }
  | { moved: false; refusal: 'SLOT_TAKEN' | 'SLOT_UNAVAILABLE'; message: string };

export interface NotifyBookingInput {
  bookingId: string;
  /** Deterministic within the workflow (`confirmed`, `reminder-0`...): one mail per event. */
  eventKey: string;
  template: BookingMailTemplate;
  /** The booking's slot version, the calendar event's SEQUENCE. */
  sequence: number;
}

export interface BookingNotifyResult {
  sent: number;
  skipped: number;
  failed: number;
}

export interface BookingActivityDeps {
  orm: Orm;
  config: Config;
  mailer?: BookingMailer;
}

/** The timestamp column each status fills in when the booking reaches it. */
const STATUS_COLUMN: Partial<Record<BookingStatus, string>> = {
  CONFIRMED: 'confirmed_at',
  CHECKED_IN: 'checked_in_at',
  NO_SHOW: 'no_show_at',
  CANCELLED: 'cancelled_at',
  EXPIRED: 'expired_at',
  COMPLETED: 'completed_at',
};

function warn(message: string, meta: Record<string, unknown>): void {
  try {
    Context.current().log.warn(message, meta);
  } catch {
    console.warn(message, meta);
  }
}

/** The booking workflow's activities. Each may run twice (a retry after a crash) with the same result. */
export function createBookingActivities(deps: BookingActivityDeps) {
  const { orm, config } = deps;
  const mailer = deps.mailer ?? createBookingMailer(config);
  const publicUrl = config.http.publicUrl.replace(/\/+$/, '');

  return {
    /** Projects a status change; a change already made (a retry) is a success that changes nothing. */
    async recordBookingStatus(input: RecordBookingStatusInput): Promise<{ changed: boolean }> {
      const em = orm.em.fork() as EntityManager;
      const column = STATUS_COLUMN[input.to];
      const placeholders = input.from.map(() => '?').join(', ');
      const updated = await em.execute<{ id: string }[]>(
        `update bookings
            set status = ?, updated_at = now()${column ? `, ${column} = ?` : ''},
                cancel_reason = coalesce(?, cancel_reason)
          where id = ? and status in (${placeholders})
          returning id`,
        [
          input.to,
          ...(column ? [new Date(input.at)] : []),
          input.to === 'CANCELLED' ? (input.reason ?? null) : null,
          input.bookingId,
          ...input.from,
        ],
      );
      if (updated.length > 0) return { changed: true };
      const row = await em.findOne(Booking, { id: input.bookingId });
      if (!row)
        throw ApplicationFailure.nonRetryable(
          `booking ${input.bookingId} does not exist`,
          'BOOKING_NOT_FOUND',
        );
      if (row.status === input.to) return { changed: false };
      throw ApplicationFailure.nonRetryable(
        `booking ${row.reference} is ${row.status}, not ${input.from.join(' or ')}: cannot record ${input.to}`,
        'BOOKING_STATE_MISMATCH',
      );
    },

    /**
     * Moves the booking to another slot in one transaction. A taken or impossible slot is an
     * answer, not a failure: nothing is retried and the workflow refuses the reschedule with it.
     */
    async moveBookingSlot(input: MoveBookingSlotInput): Promise<MoveBookingSlotResult> {
      try {
        const slot = await moveBooking(orm.em.fork() as EntityManager, {
          bookingId: input.bookingId,
          officeId: input.officeId,
          slotStart: new Date(input.slotStart),
          now: new Date(),
        });
        return { moved: true, slot };
      } catch (error) {
        if (error instanceof SlotTakenError)
          return { moved: false, refusal: 'SLOT_TAKEN', message: error.message };
        if (error instanceof SlotUnavailableError) {
          return { moved: false, refusal: 'SLOT_UNAVAILABLE', message: error.message };
        }
        throw error;
      }
    },

    /**
     * Mails the resident about the booking, with the visit as a calendar file. Sent once per
     * (booking, event, address): the row is claimed before the SMTP exchange, so a crash leaves it
     * SENDING and the retry sends again with the same Message-ID. No e-mail address, no mail.
     */
    async notifyBookingResident(input: NotifyBookingInput): Promise<BookingNotifyResult> {
      const em = orm.em.fork() as EntityManager;
      const booking = await em.findOne(Booking, { id: input.bookingId });
      if (!booking) {
        throw ApplicationFailure.nonRetryable(
          `booking ${input.bookingId} does not exist`,
          'BOOKING_NOT_FOUND',
        );
      }
      if (!booking.contactEmail?.trim()) return { sent: 0, skipped: 0, failed: 0 };
      const [office, service] = await Promise.all([
        em.findOneOrFail(BookingOffice, { id: booking.officeId }),
        em.findOneOrFail(BookingService, { id: booking.serviceId }),
      ]);
      const recipient = booking.contactEmail.trim().toLowerCase();
      const domain = messageIdDomain(mailer.from);
      const hash = createHash('sha256').update(recipient).digest('hex').slice(0, 16);
      const messageId = `<booking-${booking.id}-${input.eventKey.replace(/[^A-Za-z0-9_-]/g, '_')}-${hash}@${domain}>`;

      const claimed = await em.execute<{ id: string }[]>(
        `insert into booking_notifications (booking_id, event_key, recipient, template, status, message_id)
         values (?, ?, ?, ?, 'SENDING', ?)
         on conflict (booking_id, event_key, recipient) do update
           set status = 'SENDING', message_id = excluded.message_id
           where booking_notifications.status <> 'SENT'
         returning id`,
        [booking.id, input.eventKey, recipient, input.template, messageId],
      );
      if (claimed.length === 0) return { sent: 0, skipped: 1, failed: 0 };
      const rowId = claimed[0].id;

      const language = booking.language === 'en' ? 'en' : 'pl';
      const token = bookingToken(config.secret, booking.id);
      const mail = bookingMail({
        template: input.template,
        language,
        reference: booking.reference,
        serviceName: language === 'en' ? service.nameEn : service.namePl,
        officeName: office.name,
        officeAddress: office.address,
        slotStart: booking.slotStart,
        slotEnd: booking.slotEnd,
        // The portal's page, where the resident sees, moves or cancels the visit.
        manageUrl: `${publicUrl}/portal/book/manage?reference=${booking.reference}&token=${token}`,
        // A cancellation must outrank the last version the calendar holds.
        sequence: input.template === 'CANCELLED' ? input.sequence + 1 : input.sequence,
        uidDomain: domain,
        stamp: new Date(),
      });
      try {
        await mailer.send({
          to: booking.contactEmail.trim(),
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId,
          headers: {
            'Auto-Submitted': 'auto-generated',
            'X-Auto-Response-Suppress': 'All',
            'X-Civicflow-Booking': booking.reference,
          },
          attachments: [mail.calendar],
        });
        await em.execute(
          `update booking_notifications set status = 'SENT', sent_at = now(), error = null where id = ?`,
          [rowId],
        );
        return { sent: 1, skipped: 0, failed: 0 };
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        await em.execute(`update booking_notifications set status = 'FAILED', error = ? where id = ?`, [
          text,
          rowId,
        ]);
        if (error instanceof MailRejectedError) {
          warn('booking mail refused by the mail server', {
            bookingId: booking.id,
            eventKey: input.eventKey,
            responseCode: error.responseCode,
          });
          return { sent: 0, skipped: 0, failed: 1 };
        }
        throw error;
      }
    },
  };
}

export type BookingActivities = ReturnType<typeof createBookingActivities>;
