import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../api';
import { Loading } from '../components/ErrorNotice';
import { useI18n } from '../i18n/i18n';
import {
  cancelBooking,
  confirmBooking,
  fetchBooking,
  fetchOffices,
  isChangeable,
  isSlotTaken,
  rescheduleBooking,
  type Booking,
  type FreeSlot,
  type Office,
} from './booking-api';
import { BookingDetails, BookingError, StepHeading } from './booking-parts';
import './bookings.css';
import { formatDateTime, formatTime, mondayOf, warsawToday } from './dates';
import { SlotPicker } from './SlotPicker';

type Mode = 'view' | 'cancel' | 'reschedule' | 'move';
type Outcome = 'cancelled' | 'moved' | 'confirmed' | null;

/**
 * A booking seen with its reference and token (from the link given at booking, or typed in):
 * its status, and cancelling (after a confirmation step) or moving it to another free slot.
 */
export function ManageBookingPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const reference = params.get('reference')?.trim() ?? '';
  const token = params.get('token')?.trim() ?? '';
  const [booking, setBooking] = useState<Booking | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    setBooking(null);
    setError(null);
    setLoading(Boolean(reference && token));
    if (!reference || !token) return;
    let current = true;
    fetchBooking(reference, token)
      .then(
        (found) => current && setBooking(found),
        (failure: unknown) => current && setError(failure),
      )
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [reference, token]);

  const notFound = error instanceof ApiError && (error.status === 404 || error.status === 400);

  return (
    <div className="booking">
      <h1>{t('bookings.manage.title')}</h1>
      {loading && <Loading />}
      {!booking && !loading && (
        <FindBooking
          reference={reference}
          token={token}
          onFind={(found) => setParams({ reference: found.reference, token: found.token })}
        />
      )}
      {notFound && (
        <div role="alert" className="notice notice--error">
          {t('bookings.manage.notFound')}
        </div>
      )}
      {!notFound && !booking && <BookingError error={error} />}
      {booking && <ManageBooking key={booking.reference} initial={booking} token={token} />}
      {booking && (
        <p>
          <Link to="/book/manage">{t('bookings.manage.lookUpAnother')}</Link>
        </p>
      )}
    </div>
  );
}

function FindBooking({
  reference,
  token,
  onFind,
}: {
  reference: string;
  token: string;
  onFind(found: { reference: string; token: string }): void;
}) {
  const { t } = useI18n();
  const [typedReference, setTypedReference] = useState(reference);
  const [typedToken, setTypedToken] = useState(token);
  const [missing, setMissing] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = { reference: typedReference.trim().toUpperCase(), token: typedToken.trim() };
    setMissing(!found.reference || !found.token);
    if (found.reference && found.token) onFind(found);
  }

  return (
    <form onSubmit={submit} noValidate>
      <h2>{t('bookings.manage.findHeading')}</h2>
      <p className="muted">{t('bookings.manage.findHint')}</p>
      {missing && (
        <div role="alert" className="notice notice--error">
          {t('bookings.manage.required')}
        </div>
      )}
      <div className="field">
        <label htmlFor="booking-reference">{t('bookings.manage.reference')}</label>
        <span id="booking-reference-hint" className="hint">
          {t('bookings.manage.referenceHint')}
        </span>
        <input
          id="booking-reference"
          type="text"
          autoComplete="off"
          aria-describedby="booking-reference-hint"
          aria-invalid={missing && !typedReference.trim() ? true : undefined}
          value={typedReference}
          onChange={(event) => setTypedReference(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="booking-token">{t('bookings.manage.token')}</label>
        <input
          id="booking-token"
          type="text"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={missing && !typedToken.trim() ? true : undefined}
          value={typedToken}
          onChange={(event) => setTypedToken(event.target.value)}
        />
      </div>
      <div className="actions">
        <button type="submit" className="button">
          {t('bookings.manage.find')}
        </button>
      </div>
    </form>
  );
}

function ManageBooking({ initial, token }: { initial: Booking; token: string }) {
  const { t, lang } = useI18n();
  const [booking, setBooking] = useState(initial);
  const [mode, setMode] = useState<Mode>('view');
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [reason, setReason] = useState('');
  const [offices, setOffices] = useState<Office[] | null>(null);
  const [office, setOffice] = useState<Office | null>(null);
  const [week, setWeek] = useState(() => mondayOf(warsawToday()));
  const [target, setTarget] = useState<FreeSlot | null>(null);
  const [slotsReload, setSlotsReload] = useState(0);
  const [slotTaken, setSlotTaken] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [moved, setMoved] = useState(false);

  function show(next: Mode) {
    setError(null);
    setMoved(true);
    setMode(next);
  }

  /** Runs a change; a refusal shows the booking as it is now, since that is usually why. */
  async function change(run: () => Promise<Booking>, done: Outcome) {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      setBooking(await run());
      setOutcome(done);
      show('view');
    } catch (failure) {
      if (isSlotTaken(failure)) {
        setSlotTaken(true);
        setTarget(null);
        setSlotsReload((n) => n + 1);
        show('reschedule');
      } else {
        setError(failure);
        if (failure instanceof ApiError && failure.code === 'INVALID_TRANSITION') {
          const now = await fetchBooking(booking.reference, token).catch(() => null);
          if (now) setBooking(now);
        }
      }
    } finally {
      setBusy(false);
    }
  }

  async function startRescheduling() {
    setOutcome(null);
    setSlotTaken(false);
    setTarget(null);
    if (!offices) {
      try {
        const found = await fetchOffices(booking.service.code);
        setOffices(found);
        setOffice(found.find((o) => o.id === booking.office.id) ?? found[0] ?? null);
      } catch (failure) {
        setError(failure);
        return;
      }
    }
    show('reschedule');
  }

  const changeable = isChangeable(booking);
  const headingText = {
    view: t('bookings.manage.heading', { reference: booking.reference }),
    cancel: t('bookings.manage.cancelHeading'),
    reschedule: t('bookings.manage.rescheduleHeading'),
    move: t('bookings.manage.moveHeading'),
  }[mode];

  return (
    <div>
      <StepHeading key={mode} focus={moved}>
        {headingText}
      </StepHeading>

      {mode === 'view' && (
        <>
          {outcome && (
            <div role="status" className="notice notice--ok">
              {outcome === 'cancelled' && t('bookings.manage.cancelled')}
              {outcome === 'confirmed' && t('bookings.manage.confirmed')}
              {outcome === 'moved' &&
                t('bookings.manage.moved', { when: formatDateTime(booking.slotStart, lang) })}
            </div>
          )}
          <BookingDetails booking={booking} />
          {booking.status === 'HELD' && booking.heldUntil && (
            <p className="notice notice--warn">
              {t('bookings.manage.held', { deadline: formatTime(booking.heldUntil, lang) })}
            </p>
          )}
          <BookingError error={error} />
          {changeable ? (
            <div className="actions">
              {booking.status === 'HELD' && (
                <button
                  type="button"
                  className="button"
                  disabled={busy}
                  onClick={() => void change(() => confirmBooking(booking.reference, token), 'confirmed')}
                >
                  {t('bookings.manage.confirm')}
                </button>
              )}
              <button
                type="button"
                className="button button--secondary"
                disabled={busy}
                onClick={() => void startRescheduling()}
              >
                {t('bookings.manage.reschedule')}
              </button>
              <button
                type="button"
                className="button button--secondary"
                disabled={busy}
                onClick={() => {
                  setOutcome(null);
                  show('cancel');
                }}
              >
                {t('bookings.manage.cancel')}
              </button>
            </div>
          ) : (
            outcome !== 'cancelled' && <p className="muted">{t('bookings.manage.noChanges')}</p>
          )}
        </>
      )}

      {mode === 'cancel' && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void change(() => cancelBooking(booking.reference, token, reason), 'cancelled');
          }}
        >
          <BookingDetails booking={booking} />
          <p className="notice notice--warn">{t('bookings.manage.cancelText')}</p>
          <div className="field">
            <label htmlFor="booking-cancel-reason">{t('bookings.manage.cancelReason')}</label>
            <textarea
              id="booking-cancel-reason"
              maxLength={1000}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
          </div>
          <BookingError error={error} />
          <div className="actions">
            <button type="button" className="button button--secondary" onClick={() => show('view')}>
              {t('bookings.manage.keep')}
            </button>
            <button type="submit" className="button" disabled={busy}>
              {t('bookings.manage.cancelConfirm')}
            </button>
          </div>
        </form>
      )}

      {mode === 'reschedule' && offices && office && (
        <>
          {slotTaken && (
            <div role="alert" className="notice notice--error">
              {t('bookings.slot.taken')}
            </div>
          )}
          <SlotPicker
            service={booking.service.code}
            office={office}
            offices={offices}
            week={week}
            onWeekChange={setWeek}
            onPick={(slot) => {
              setTarget(slot);
              setSlotTaken(false);
              show('move');
            }}
            onOfficeChange={setOffice}
            reloadKey={slotsReload}
            hidden={{ officeId: booking.office.id, start: booking.slotStart }}
          />
          <BookingError error={error} />
          <div className="actions">
            <button type="button" className="button button--secondary" onClick={() => show('view')}>
              {t('bookings.back')}
            </button>
          </div>
        </>
      )}

      {mode === 'move' && target && office && (
        <>
          <p>
            {t('bookings.manage.moveText', {
              from: formatDateTime(booking.slotStart, lang),
              to: formatDateTime(target.start, lang),
            })}
          </p>
          {office.id !== booking.office.id && (
            <p>
              {office.name}, {office.address}
            </p>
          )}
          <BookingError error={error} />
          <div className="actions">
            <button type="button" className="button button--secondary" onClick={() => show('reschedule')}>
              {t('bookings.back')}
            </button>
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() =>
                void change(
                  () =>
                    rescheduleBooking(booking.reference, token, {
                      slotStart: target.start,
                      officeId: office.id,
                    }),
                  'moved',
                )
              }
            >
              {t('bookings.manage.moveConfirm')}
            </button>
          </div>
        </>
      )}
    </div>
  );
}
