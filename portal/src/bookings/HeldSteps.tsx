import { Link } from 'react-router';
import { useI18n } from '../i18n/i18n';
import { manageLink, type CreatedBooking } from './booking-api';
import { BookingError, BookingSummary, StepHeading } from './booking-parts';
import { formatTime } from './dates';

/** The fifth step: the slot is held until a deadline; the resident confirms it or picks another time. */
export function ReviewStep({
  booking,
  name,
  error,
  busy,
  onOtherTime,
  onConfirm,
}: {
  booking: CreatedBooking;
  name: string;
  error: unknown;
  busy: boolean;
  onOtherTime(): void;
  onConfirm(): void;
}) {
  const { t, lang } = useI18n();
  return (
    <div>
      <StepHeading key="review">{t('bookings.review.heading')}</StepHeading>
      {booking.heldUntil && (
        <p className="notice notice--warn">
          {t('bookings.review.held', { deadline: formatTime(booking.heldUntil, lang) })}
        </p>
      )}
      <BookingSummary
        service={booking.service}
        office={booking.office}
        slotStart={booking.slotStart}
        durationMinutes={booking.service.durationMinutes}
        extra={
          <>
            <dt>{t('bookings.summary.name')}</dt>
            <dd>{name}</dd>
          </>
        }
      />
      <BookingError error={error} />
      <div className="actions">
        <button type="button" className="button button--secondary" disabled={busy} onClick={onOtherTime}>
          {t('bookings.review.otherTime')}
        </button>
        <button type="button" className="button" disabled={busy} onClick={onConfirm}>
          {t('bookings.review.confirm')}
        </button>
      </div>
    </div>
  );
}

/** The result: the booking's reference and the link to manage it, which the resident should keep. */
export function DoneStep({
  booking,
  email,
  onStartAgain,
}: {
  booking: CreatedBooking;
  /** Where the confirmation went; empty when the resident gave only a phone number. */
  email: string;
  onStartAgain(): void;
}) {
  const { t } = useI18n();
  return (
    <div>
      <StepHeading key="done">{t('bookings.done.heading')}</StepHeading>
      <div className="notice notice--ok" role="status">
        <p>
          {t('bookings.done.reference')}: <strong className="booking-reference">{booking.reference}</strong>
        </p>
        {email && <p>{t('bookings.done.emailed', { email })}</p>}
      </div>
      <BookingSummary
        service={booking.service}
        office={booking.office}
        slotStart={booking.slotStart}
        durationMinutes={booking.service.durationMinutes}
      />
      <p>{t('bookings.done.keepLink')}</p>
      <p>
        <Link to={manageLink(booking.reference, booking.token)} className="booking-manage-link">
          {t('bookings.done.manage')}
        </Link>
      </p>
      <div className="actions">
        <button type="button" className="button button--secondary" onClick={onStartAgain}>
          {t('bookings.done.again')}
        </button>
      </div>
    </div>
  );
}
