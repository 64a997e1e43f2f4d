import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../api';
import { Loading } from '../components/ErrorNotice';
import { useI18n } from '../i18n/i18n';
import {
  cancelBooking,
  confirmBooking,
  fetchBooking,
  fetchOffices,
  fetchServices,
  holdSlot,
  isSlotTaken,
  manageLink,
  newIdempotencyKey,
  type BookableService,
  type Contact,
  type CreatedBooking,
  type FreeSlot,
  type Office,
} from './booking-api';
import { BookingError, BookingSummary, OpeningHours, StepHeading } from './booking-parts';
import './bookings.css';
import { formatTime, mondayOf, warsawToday } from './dates';
import { SlotPicker } from './SlotPicker';

type Step = 'service' | 'office' | 'slot' | 'details' | 'review' | 'done';
const STEPS: Step[] = ['service', 'office', 'slot', 'details', 'review', 'done'];
/** The steps counted in "Step n of m": the last one is the result, not a step. */
const COUNTED_STEPS = STEPS.length - 1;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** The same rule as the booking API's contact.phone. */
const PHONE = /^\+?[0-9 ()-]{6,20}$/;

type ContactProblems = Partial<Record<keyof Contact | 'contact', string>>;

/**
 * Book a visit in steps: service, office, a free slot, the resident's details; the slot is then
 * held and the resident confirms it. Each step's heading takes the focus when the step appears.
 */
export function BookVisitPage() {
  const { t, lang, pick } = useI18n();
  const [step, setStep] = useState<Step>('service');
  const [moved, setMoved] = useState(false);
  const [services, setServices] = useState<BookableService[] | null>(null);
  const [service, setService] = useState<BookableService | null>(null);
  const [offices, setOffices] = useState<Office[] | null>(null);
  const [office, setOffice] = useState<Office | null>(null);
  const [week, setWeek] = useState(() => mondayOf(warsawToday()));
  const [slot, setSlot] = useState<FreeSlot | null>(null);
  const [slotsReload, setSlotsReload] = useState(0);
  const [notice, setNotice] = useState<'taken' | 'expired' | null>(null);
  const [contact, setContact] = useState<Contact>({ name: '', email: '', phone: '' });
  const [problems, setProblems] = useState<ContactProblems>({});
  const [booking, setBooking] = useState<CreatedBooking | null>(null);
  const [choiceError, setChoiceError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  /** The Idempotency-Key of the hold being attempted, reused only to retry that very request. */
  const attempt = useRef<{ body: string; key: string } | null>(null);

  useEffect(() => {
    fetchServices().then(setServices, setError);
  }, []);

  useEffect(() => {
    if (!service) return;
    let current = true;
    setOffices(null);
    fetchOffices(service.code).then(
      (found) => {
        if (current) setOffices(found);
      },
      (failure: unknown) => {
        if (current) setError(failure);
      },
    );
    return () => {
      current = false;
    };
  }, [service]);

  function go(next: Step) {
    setError(null);
    setChoiceError(null);
    setMoved(true);
    setStep(next);
  }

  function chooseService(event: FormEvent) {
    event.preventDefault();
    if (!service) return setChoiceError(t('bookings.service.required'));
    if (office && !service.officeIds.includes(office.id)) setOffice(null);
    go('office');
  }

  function chooseOffice(event: FormEvent) {
    event.preventDefault();
    if (!office) return setChoiceError(t('bookings.office.required'));
    setNotice(null);
    go('slot');
  }

  function chooseSlot(picked: FreeSlot) {
    setSlot(picked);
    setNotice(null);
    go('details');
  }

  function contactProblems(): ContactProblems {
    const found: ContactProblems = {};
    if (!contact.name.trim()) found.name = t('bookings.details.nameRequired');
    const email = contact.email.trim();
    const phone = contact.phone.trim();
    if (!email && !phone) found.contact = t('bookings.details.contactRequired');
    if (email && !EMAIL.test(email)) found.email = t('bookings.details.emailInvalid');
    if (phone && !PHONE.test(phone)) found.phone = t('bookings.details.phoneInvalid');
    return found;
  }

  async function reserve(event: FormEvent) {
    event.preventDefault();
    if (!service || !office || !slot || busy) return;
    const found = contactProblems();
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    const input = {
      service: service.code,
      officeId: office.id,
      slotStart: slot.start,
      contact,
      language: lang,
    };
    const body = JSON.stringify(input);
    if (attempt.current?.body !== body) attempt.current = { body, key: newIdempotencyKey() };
    setBusy(true);
    setError(null);
    try {
      const held = await holdSlot(input, attempt.current.key);
      attempt.current = null;
      setBooking(held);
      go('review');
    } catch (failure) {
      // Only a request that may not have arrived is retried with its key; any answer ends the attempt.
      if (!(failure instanceof ApiError && failure.code === 'NETWORK')) attempt.current = null;
      if (isSlotTaken(failure)) {
        backToSlots('taken');
      } else {
        setError(failure);
      }
    } finally {
      setBusy(false);
    }
  }

  function backToSlots(reason: 'taken' | 'expired' | null) {
    setSlot(null);
    setBooking(null);
    setNotice(reason);
    setSlotsReload((n) => n + 1);
    go('slot');
  }

  async function confirm() {
    if (!booking || busy) return;
    setBusy(true);
    setError(null);
    try {
      const confirmed = await confirmBooking(booking.reference, booking.token);
      setBooking({ ...booking, ...confirmed });
      go('done');
    } catch (failure) {
      // The confirmation may have gone through before the answer was lost, or the hold ran out: the
      // booking itself says which.
      const now = await fetchBooking(booking.reference, booking.token).catch(() => null);
      if (now?.status === 'CONFIRMED') {
        setBooking({ ...booking, ...now });
        go('done');
      } else if (now && now.status !== 'HELD') {
        backToSlots('expired');
      } else {
        setError(failure);
      }
    } finally {
      setBusy(false);
    }
  }

  async function chooseAnotherTime() {
    if (!booking || busy) return;
    setBusy(true);
    // Give the held slot back at once rather than leaving it blocked until the hold runs out.
    await cancelBooking(booking.reference, booking.token, '').catch(() => undefined);
    setBusy(false);
    backToSlots(null);
  }

  function startAgain() {
    setService(null);
    setOffice(null);
    setSlot(null);
    setBooking(null);
    setNotice(null);
    go('service');
  }

  const stepNumber = STEPS.indexOf(step) + 1;
  const serviceName = service ? pick({ pl: service.namePl, en: service.nameEn }) : '';
  const problemList = Object.entries(problems).filter(([, text]) => text);

  return (
    <div className="booking">
      <h1>{t('bookings.title')}</h1>
      {step !== 'done' && (
        <p className="muted">
          {t('bookings.stepOf', { step: stepNumber, total: COUNTED_STEPS })}
          {step === 'service' && <> · {t('bookings.intro')}</>}
        </p>
      )}

      {step === 'service' && (
        <form onSubmit={chooseService} noValidate>
          <StepHeading key="service" focus={moved}>
            {t('bookings.service.heading')}
          </StepHeading>
          {!services && !error && <Loading />}
          {services && services.length === 0 && (
            <p className="notice notice--warn">{t('bookings.service.none')}</p>
          )}
          {services && services.length > 0 && (
            <fieldset aria-describedby={choiceError ? 'booking-choice-error' : undefined}>
              <legend>{t('bookings.service.legend')}</legend>
              <ul className="booking-choices">
                {services.map((s) => (
                  <li key={s.code}>
                    <label className="booking-choice">
                      <input
                        type="radio"
                        name="service"
                        value={s.code}
                        checked={service?.code === s.code}
                        onChange={() => setService(s)}
                      />
                      <span>
                        <span className="booking-choice__title">{pick({ pl: s.namePl, en: s.nameEn })}</span>{' '}
                        <span className="muted">
                          ({t('bookings.service.duration', { minutes: s.durationMinutes })})
                        </span>
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
          )}
          <ChoiceError text={choiceError} />
          <BookingError error={error} />
          {services && services.length > 0 && (
            <div className="actions">
              <button type="submit" className="button">
                {t('bookings.next')}
              </button>
            </div>
          )}
        </form>
      )}

      {step === 'office' && service && (
        <form onSubmit={chooseOffice} noValidate>
          <StepHeading key="office">{t('bookings.office.heading')}</StepHeading>
          {!offices && !error && <Loading />}
          {offices && offices.length === 0 && (
            <p className="notice notice--warn">{t('bookings.office.none')}</p>
          )}
          {offices && offices.length > 0 && (
            <fieldset aria-describedby={choiceError ? 'booking-choice-error' : undefined}>
              <legend>{t('bookings.office.legend', { service: serviceName })}</legend>
              <ul className="booking-choices booking-choices--offices">
                {offices.map((o) => (
                  <li key={o.id} className="card">
                    <label className="booking-choice">
                      <input
                        type="radio"
                        name="office"
                        value={o.id}
                        checked={office?.id === o.id}
                        onChange={() => setOffice(o)}
                        aria-describedby={`booking-office-${o.id}`}
                      />
                      <span className="booking-choice__title">{o.name}</span>
                    </label>
                    <div id={`booking-office-${o.id}`} className="booking-office">
                      <p>{o.address}</p>
                      <OpeningHours hours={o.openingHours} />
                      {o.closedOnPublicHolidays && (
                        <p className="muted">{t('bookings.office.closedOnHolidays')}</p>
                      )}
                    </div>
                  </li>
                ))}
              </ul>
            </fieldset>
          )}
          <ChoiceError text={choiceError} />
          <BookingError error={error} />
          <div className="actions">
            <button type="button" className="button button--secondary" onClick={() => go('service')}>
              {t('bookings.back')}
            </button>
            {offices && offices.length > 0 && (
              <button type="submit" className="button">
                {t('bookings.next')}
              </button>
            )}
          </div>
        </form>
      )}

      {step === 'slot' && service && office && offices && (
        <div>
          <StepHeading key="slot">{t('bookings.slot.heading')}</StepHeading>
          <Chosen service={serviceName} office={office} onChangeOffice={() => go('office')} />
          {notice && (
            <div role="alert" className="notice notice--error">
              {t(notice === 'taken' ? 'bookings.slot.taken' : 'bookings.review.expired')}
            </div>
          )}
          <SlotPicker
            service={service.code}
            office={office}
            offices={offices}
            week={week}
            onWeekChange={setWeek}
            onPick={chooseSlot}
            onOfficeChange={(other) => {
              setOffice(other);
              setNotice(null);
            }}
            onChooseOtherOffice={() => go('office')}
            reloadKey={slotsReload}
          />
          <div className="actions">
            <button type="button" className="button button--secondary" onClick={() => go('office')}>
              {t('bookings.back')}
            </button>
          </div>
        </div>
      )}

      {step === 'details' && service && office && slot && (
        <form onSubmit={(event) => void reserve(event)} noValidate>
          <StepHeading key="details">{t('bookings.details.heading')}</StepHeading>
          <BookingSummary
            service={service}
            office={office}
            slotStart={slot.start}
            durationMinutes={service.durationMinutes}
          />
          {problemList.length > 0 && (
            <div role="alert" className="notice notice--error">
              <p>{t('bookings.details.problems')}</p>
              <ul>
                {problemList.map(([field, text]) => (
                  <li key={field}>{text}</li>
                ))}
              </ul>
            </div>
          )}
          <fieldset aria-describedby="booking-contact-hint">
            <legend>{t('bookings.details.legend')}</legend>
            <p id="booking-contact-hint" className="hint muted">
              {t('bookings.details.hint')}
            </p>
            <ContactField
              name="name"
              type="text"
              autoComplete="name"
              label={t('bookings.details.name')}
              note={t('common.required')}
              value={contact.name}
              problem={problems.name}
              onChange={(name) => setContact({ ...contact, name })}
            />
            <ContactField
              name="email"
              type="email"
              autoComplete="email"
              label={t('bookings.details.email')}
              value={contact.email}
              problem={problems.email ?? problems.contact}
              onChange={(email) => setContact({ ...contact, email })}
            />
            <ContactField
              name="phone"
              type="tel"
              autoComplete="tel"
              label={t('bookings.details.phone')}
              value={contact.phone}
              problem={problems.phone ?? (problems.contact ? ' ' : undefined)}
              onChange={(phone) => setContact({ ...contact, phone })}
            />
          </fieldset>
          <BookingError error={error} />
          <div className="actions">
            <button type="button" className="button button--secondary" onClick={() => backToSlots(null)}>
              {t('bookings.back')}
            </button>
            <button type="submit" className="button" disabled={busy}>
              {t('bookings.details.reserve')}
            </button>
          </div>
        </form>
      )}

      {step === 'review' && booking && (
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
                <dd>{contact.name}</dd>
              </>
            }
          />
          <BookingError error={error} />
          <div className="actions">
            <button
              type="button"
              className="button button--secondary"
              disabled={busy}
              onClick={() => void chooseAnotherTime()}
            >
              {t('bookings.review.otherTime')}
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => void confirm()}>
              {t('bookings.review.confirm')}
            </button>
          </div>
        </div>
      )}

      {step === 'done' && booking && (
        <div>
          <StepHeading key="done">{t('bookings.done.heading')}</StepHeading>
          <div className="notice notice--ok" role="status">
            <p>
              {t('bookings.done.reference')}:{' '}
              <strong className="booking-reference">{booking.reference}</strong>
            </p>
            {contact.email.trim() && <p>{t('bookings.done.emailed', { email: contact.email.trim() })}</p>}
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
            <button type="button" className="button button--secondary" onClick={startAgain}>
              {t('bookings.done.again')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

function ChoiceError({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <p id="booking-choice-error" role="alert" className="notice notice--error">
      {text}
    </p>
  );
}

function Chosen({
  service,
  office,
  onChangeOffice,
}: {
  service: string;
  office: Office;
  onChangeOffice(): void;
}) {
  const { t } = useI18n();
  return (
    <dl className="booking-summary">
      <dt>{t('bookings.summary.service')}</dt>
      <dd>{service}</dd>
      <dt>{t('bookings.summary.office')}</dt>
      <dd>
        {office.name}, {office.address}{' '}
        <button type="button" className="booking-link-button" onClick={onChangeOffice}>
          {t('bookings.change')}
          <span className="visually-hidden"> {t('bookings.summary.office')}</span>
        </button>
      </dd>
    </dl>
  );
}

function ContactField({
  name,
  type,
  label,
  note,
  value,
  problem,
  autoComplete,
  onChange,
}: {
  name: keyof Contact;
  type: 'text' | 'email' | 'tel';
  label: string;
  note?: string;
  value: string;
  /** A blank problem marks the field invalid without repeating a message shown at another field. */
  problem?: string;
  autoComplete: string;
  onChange(value: string): void;
}) {
  const id = `booking-contact-${name}`;
  const message = problem?.trim();
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {note && <span className="muted"> ({note})</span>}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        autoComplete={autoComplete}
        value={value}
        aria-invalid={problem ? true : undefined}
        aria-describedby={message ? `${id}-error` : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {message && (
        <span id={`${id}-error`} className="field-error">
          {message}
        </span>
      )}
    </div>
  );
}
