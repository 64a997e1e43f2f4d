import type { Config } from '../../config/config';
import { Booking, BookingOffice, BookingService } from '../../db/entities';
import type { Orm } from '../../db/orm';
import { MailRejectedError, type Mailer } from '../mail/mailer';
import { bookingMessageId, messageIdDomain } from '../mail/message-ids';
import { PermanentFailure } from '../permanent-failure';
import { bookingMail, type BookingMailTemplate } from './booking-mail';
import { bookingToken } from './booking-token';

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

export interface BookingNotificationDeps {
  orm: Orm;
  config: Config;
  mailer: Mailer;
  logger: { warn(message: string, meta?: Record<string, unknown>): void };
}

/**
 * Mails the resident about the booking, with the visit as a calendar file. Sent once per
 * (booking, event, address): the row is claimed before the SMTP exchange, so a crash leaves it
 * SENDING and the retry sends again with the same Message-ID. No e-mail address, no mail. A
 * refusal of the address for good is recorded FAILED and answered; any other error is thrown.
 */
export async function notifyBookingResident(
  { orm, config, mailer, logger }: BookingNotificationDeps,
  input: NotifyBookingInput,
): Promise<BookingNotifyResult> {
  const em = orm.em.fork();
  const booking = await em.findOne(Booking, { id: input.bookingId });
  if (!booking) {
    throw new PermanentFailure(`booking ${input.bookingId} does not exist`, 'BOOKING_NOT_FOUND');
  }
  if (!booking.contactEmail?.trim()) return { sent: 0, skipped: 0, failed: 0 };
  const [office, service] = await Promise.all([
    em.findOneOrFail(BookingOffice, { id: booking.officeId }),
    em.findOneOrFail(BookingService, { id: booking.serviceId }),
  ]);
  const recipient = booking.contactEmail.trim().toLowerCase();
  const domain = messageIdDomain(mailer.from);
  const messageId = bookingMessageId({ bookingId: booking.id, eventKey: input.eventKey, recipient, domain });

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
  const publicUrl = config.http.publicUrl.replace(/\/+$/, '');
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
      logger.warn('booking mail refused by the mail server', {
        bookingId: booking.id,
        eventKey: input.eventKey,
        responseCode: error.responseCode,
      });
      return { sent: 0, skipped: 0, failed: 1 };
    }
    throw error;
  }
}
