import { useEffect, useRef, type ReactNode } from 'react';
import { ApiError } from '../api';
import { ErrorNotice } from '../components/ErrorNotice';
import { useI18n } from '../i18n/i18n';
import type { Booking, OpeningInterval } from './booking-api';
import { formatDateTime, weekdayName } from './dates';

/**
 * A step's heading, focused when the step appears (render it with the step as its key), so keyboard
 * and screen-reader users continue from the new step instead of a button that no longer exists.
 * `focus` is false for the step a page opens with: the layout already put focus on the page.
 */
export function StepHeading({ children, focus = true }: { children: ReactNode; focus?: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // Only on mount: a step's heading is focused once, when the step appears.
    if (focus) heading.current?.focus();
  }, []);
  return (
    <h2 ref={heading} tabIndex={-1} className="booking-step-heading">
      {children}
    </h2>
  );
}

/** The API's refusals in the resident's language where the portal knows them, else its own message. */
export function BookingError({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  let text: string | null = null;
  if (error instanceof ApiError) {
    if (error.status === 503) text = t('bookings.errors.unavailable');
    else if (error.status === 429) text = t('bookings.errors.rateLimited');
    else if (error.code === 'INVALID_TRANSITION') text = t('bookings.errors.notChangeable');
  }
  if (!text) return <ErrorNotice error={error} />;
  return (
    <div role="alert" className="notice notice--error">
      {text}
    </div>
  );
}

/** Opening hours by weekday: "Monday 08:00–18:00". */
export function OpeningHours({ hours, id }: { hours: OpeningInterval[]; id?: string }) {
  const { t, lang } = useI18n();
  const byDay = new Map<number, string[]>();
  for (const interval of hours) {
    byDay.set(interval.weekday, [
      ...(byDay.get(interval.weekday) ?? []),
      `${interval.start}–${interval.end}`,
    ]);
  }
  return (
    <div id={id}>
      <p className="booking-hours-title">{t('bookings.office.hours')}</p>
      <ul className="booking-hours">
        {[...byDay.entries()].map(([weekday, times]) => (
          <li key={weekday}>
            <span className="booking-hours__day">{weekdayName(weekday, lang)}</span> {times.join(', ')}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** What, where and when, as a description list. */
export function BookingSummary({
  service,
  office,
  slotStart,
  durationMinutes,
  extra,
}: {
  service: { namePl: string; nameEn: string };
  office: { name: string; address: string };
  slotStart: string;
  durationMinutes: number;
  extra?: ReactNode;
}) {
  const { t, lang, pick } = useI18n();
  return (
    <dl className="booking-summary">
      {extra}
      <dt>{t('bookings.summary.service')}</dt>
      <dd>{pick({ pl: service.namePl, en: service.nameEn })}</dd>
      <dt>{t('bookings.summary.when')}</dt>
      <dd>{formatDateTime(slotStart, lang)}</dd>
      <dt>{t('bookings.summary.duration')}</dt>
      <dd>{t('bookings.summary.durationValue', { minutes: durationMinutes })}</dd>
      <dt>{t('bookings.summary.office')}</dt>
      <dd>{office.name}</dd>
      <dt>{t('bookings.summary.address')}</dt>
      <dd>{office.address}</dd>
    </dl>
  );
}

export function BookingDetails({ booking }: { booking: Booking }) {
  const { t } = useI18n();
  return (
    <BookingSummary
      service={booking.service}
      office={booking.office}
      slotStart={booking.slotStart}
      durationMinutes={booking.service.durationMinutes}
      extra={
        <>
          <dt>{t('bookings.summary.status')}</dt>
          <dd data-status={booking.status}>{t(`bookings.status.${booking.status}`)}</dd>
        </>
      }
    />
  );
}
