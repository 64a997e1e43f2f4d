import { useEffect, useRef, useState } from 'react';
import { Loading } from '../components/ErrorNotice';
import { useI18n } from '../i18n/i18n';
import { fetchSlots, type FreeSlot, type Office } from './booking-api';
import { BookingError } from './booking-parts';
import { BOOKING_HORIZON_DAYS, addDays, formatDay, formatWeek, mondayOf, warsawToday } from './dates';

interface OfficeWithFreeSlots {
  office: Office;
  count: number;
}

/**
 * The free slots of one office, a week at a time, as a grid of buttons grouped by day. A week with
 * nothing free says so and names the offices that do have free slots that week.
 */
export function SlotPicker({
  service,
  office,
  offices,
  week,
  onWeekChange,
  onPick,
  onOfficeChange,
  onChooseOtherOffice,
  reloadKey,
  hidden,
}: {
  service: string;
  office: Office;
  /** Every office offering the service, for the suggestions when this one has nothing free. */
  offices: Office[];
  /** The Monday of the week shown. */
  week: string;
  onWeekChange(monday: string): void;
  onPick(slot: FreeSlot): void;
  onOfficeChange(office: Office): void;
  /** Offered when the week has nothing free: back to the list of offices. */
  onChooseOtherOffice?: () => void;
  /** Changing it loads the slots again (after a slot turned out to be taken). */
  reloadKey: number;
  /** A slot not to offer: the booking's own, when moving it. */
  hidden?: { officeId: number; start: string };
}) {
  const { t, lang } = useI18n();
  const [slots, setSlots] = useState<FreeSlot[] | null>(null);
  const [elsewhere, setElsewhere] = useState<OfficeWithFreeSlots[]>([]);
  const [error, setError] = useState<unknown>(null);
  const previousButton = useRef<HTMLButtonElement>(null);
  const nextButton = useRef<HTMLButtonElement>(null);

  const today = warsawToday();
  const firstWeek = mondayOf(today);
  const lastWeek = mondayOf(addDays(today, BOOKING_HORIZON_DAYS));
  const range = formatWeek(week, lang);

  useEffect(() => {
    let current = true;
    setSlots(null);
    setElsewhere([]);
    setError(null);
    const from = week;
    const to = addDays(week, 6);
    const notHidden = (slot: FreeSlot) =>
      !hidden || slot.officeId !== hidden.officeId || Date.parse(slot.start) !== Date.parse(hidden.start);
    fetchSlots({ service, office: office.id, from, to })
      .then(async (found) => {
        const free = found.filter(notHidden);
        if (!current) return;
        setSlots(free);
        if (free.length > 0) return;
        const anywhere = (await fetchSlots({ service, from, to })).filter(notHidden);
        const counts = new Map<number, number>();
        for (const slot of anywhere) counts.set(slot.officeId, (counts.get(slot.officeId) ?? 0) + 1);
        if (current) {
          setElsewhere(
            offices
              .filter((o) => o.id !== office.id && counts.has(o.id))
              .map((o) => ({ office: o, count: counts.get(o.id)! })),
          );
        }
      })
      .catch((failure: unknown) => {
        if (current) setError(failure);
      });
    return () => {
      current = false;
    };
  }, [service, office.id, offices, week, reloadKey, hidden?.officeId, hidden?.start]);

  function goTo(monday: string, fromNotice = false) {
    // A button that is disabled or removed drops the focus: hand it to a week button that stays.
    if (fromNotice || monday <= firstWeek) nextButton.current?.focus();
    if (monday >= lastWeek) previousButton.current?.focus();
    onWeekChange(monday);
  }

  const days = new Map<string, FreeSlot[]>();
  for (const slot of slots ?? []) days.set(slot.date, [...(days.get(slot.date) ?? []), slot]);

  return (
    <fieldset className="booking-slots">
      <legend>{t('bookings.slot.legend', { office: office.name })}</legend>
      <div className="booking-week">
        <button
          ref={previousButton}
          type="button"
          className="button button--secondary"
          disabled={week <= firstWeek}
          onClick={() => goTo(addDays(week, -7))}
        >
          <span aria-hidden="true">← </span>
          {t('bookings.slot.previousWeek')}
        </button>
        <p className="booking-week__label" aria-live="polite">
          {t('bookings.slot.week', { range })}
        </p>
        <button
          ref={nextButton}
          type="button"
          className="button button--secondary"
          disabled={week >= lastWeek}
          onClick={() => goTo(addDays(week, 7))}
        >
          {t('bookings.slot.nextWeek')}
          <span aria-hidden="true"> →</span>
        </button>
      </div>
      <BookingError error={error} />
      {!slots && !error && <Loading />}
      {slots && slots.length > 0 && (
        <>
          <p role="status" className="muted">
            {t('bookings.slot.count', { count: slots.length })}
          </p>
          {[...days.entries()].map(([date, daySlots]) => {
            const day = formatDay(date, lang);
            return (
              <section key={date} className="booking-day" aria-labelledby={`booking-day-${date}`}>
                <h3 id={`booking-day-${date}`}>{day}</h3>
                <ul className="booking-day__slots">
                  {daySlots.map((slot) => (
                    <li key={`${slot.officeId}-${slot.start}`}>
                      <button
                        type="button"
                        className="booking-slot"
                        data-slot-start={slot.start}
                        onClick={() => onPick(slot)}
                      >
                        <span className="visually-hidden">{day}, </span>
                        {slot.time}
                      </button>
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
        </>
      )}
      {slots && slots.length === 0 && (
        <div className="notice notice--warn" role="status">
          <p>{t('bookings.slot.none', { range })}</p>
          <p>{t('bookings.slot.tryOther')}</p>
          {week >= lastWeek && <p>{t('bookings.slot.lastWeek', { days: BOOKING_HORIZON_DAYS })}</p>}
          {elsewhere.length > 0 && (
            <>
              <p>{t('bookings.slot.otherOffices')}</p>
              <ul className="booking-elsewhere">
                {elsewhere.map(({ office: other, count }) => (
                  <li key={other.id}>
                    <button
                      type="button"
                      className="button button--secondary"
                      onClick={() => onOfficeChange(other)}
                    >
                      {t('bookings.slot.otherOffice', { office: other.name, count })}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
          <div className="actions">
            {week < lastWeek && (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => goTo(addDays(week, 7), true)}
              >
                {t('bookings.slot.nextWeek')}
              </button>
            )}
            {onChooseOtherOffice && (
              <button type="button" className="button button--secondary" onClick={onChooseOtherOffice}>
                {t('bookings.slot.chooseOtherOffice')}
              </button>
            )}
          </div>
        </div>
      )}
    </fieldset>
  );
}
