import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api';
import { useI18n } from '../i18n/i18n';
import {
  cancelBooking,
  confirmBooking,
  fetchBooking,
  fetchOffices,
  fetchServices,
  holdSlot,
  isSlotTaken,
  newIdempotencyKey,
  type BookableService,
  type Contact,
  type CreatedBooking,
  type FreeSlot,
  type Office,
} from './booking-api';
import './bookings.css';
import { OfficeStep, ServiceStep, SlotStep } from './ChoiceSteps';
import { ContactStep, contactProblems, type ContactProblems } from './ContactStep';
import { mondayOf, warsawToday } from './dates';
import { DoneStep, ReviewStep } from './HeldSteps';

type Step = 'service' | 'office' | 'slot' | 'details' | 'review' | 'done';
const STEPS: Step[] = ['service', 'office', 'slot', 'details', 'review', 'done'];
/** The steps counted in "Step n of m": the last one is the result, not a step. */
const COUNTED_STEPS = STEPS.length - 1;

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

  async function reserve(event: FormEvent) {
    event.preventDefault();
    if (!service || !office || !slot || busy) return;
    const found = contactProblems(contact, t);
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
        <ServiceStep
          services={services}
          service={service}
          focus={moved}
          choiceError={choiceError}
          error={error}
          onChange={setService}
          onSubmit={chooseService}
        />
      )}

      {step === 'office' && service && (
        <OfficeStep
          offices={offices}
          office={office}
          serviceName={serviceName}
          choiceError={choiceError}
          error={error}
          onChange={setOffice}
          onBack={() => go('service')}
          onSubmit={chooseOffice}
        />
      )}

      {step === 'slot' && service && office && offices && (
        <SlotStep
          service={service}
          serviceName={serviceName}
          office={office}
          offices={offices}
          week={week}
          notice={notice}
          reloadKey={slotsReload}
          onWeekChange={setWeek}
          onPick={chooseSlot}
          onOfficeChange={(other) => {
            setOffice(other);
            setNotice(null);
          }}
          onChooseOffice={() => go('office')}
        />
      )}

      {step === 'details' && service && office && slot && (
        <ContactStep
          service={service}
          office={office}
          slot={slot}
          contact={contact}
          problems={problems}
          error={error}
          busy={busy}
          onChange={setContact}
          onBack={() => backToSlots(null)}
          onSubmit={(event) => void reserve(event)}
        />
      )}

      {step === 'review' && booking && (
        <ReviewStep
          booking={booking}
          name={contact.name}
          error={error}
          busy={busy}
          onOtherTime={() => void chooseAnotherTime()}
          onConfirm={() => void confirm()}
        />
      )}

      {step === 'done' && booking && (
        <DoneStep booking={booking} email={contact.email.trim()} onStartAgain={startAgain} />
      )}
    </div>
  );
}
