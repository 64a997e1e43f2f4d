import type { FormEvent } from 'react';
import { useI18n } from '../i18n/i18n';
import type { BookableService, Contact, FreeSlot, Office } from './booking-api';
import { BookingError, BookingSummary, StepHeading } from './booking-parts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** The same rule as the booking API's contact.phone. */
const PHONE = /^\+?[0-9 ()-]{6,20}$/;

export type ContactProblems = Partial<Record<keyof Contact | 'contact', string>>;

/** What is missing or malformed in the contact, in the resident's language: a name, and an e-mail or a phone. */
export function contactProblems(contact: Contact, t: ReturnType<typeof useI18n>['t']): ContactProblems {
  const found: ContactProblems = {};
  if (!contact.name.trim()) found.name = t('bookings.details.nameRequired');
  const email = contact.email.trim();
  const phone = contact.phone.trim();
  if (!email && !phone) found.contact = t('bookings.details.contactRequired');
  if (email && !EMAIL.test(email)) found.email = t('bookings.details.emailInvalid');
  if (phone && !PHONE.test(phone)) found.phone = t('bookings.details.phoneInvalid');
  return found;
}

/** The fourth step: the chosen visit, and who comes (a name, and an e-mail address or a phone number). */
export function ContactStep({
  service,
  office,
  slot,
  contact,
  problems,
  error,
  busy,
  onChange,
  onBack,
  onSubmit,
}: {
  service: BookableService;
  office: Office;
  slot: FreeSlot;
  contact: Contact;
  problems: ContactProblems;
  error: unknown;
  busy: boolean;
  onChange(contact: Contact): void;
  onBack(): void;
  onSubmit(event: FormEvent): void;
}) {
  const { t } = useI18n();
  const problemList = Object.entries(problems).filter(([, text]) => text);
  return (
    <form onSubmit={onSubmit} noValidate>
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
          onChange={(name) => onChange({ ...contact, name })}
        />
        <ContactField
          name="email"
          type="email"
          autoComplete="email"
          label={t('bookings.details.email')}
          value={contact.email}
          problem={problems.email ?? problems.contact}
          onChange={(email) => onChange({ ...contact, email })}
        />
        <ContactField
          name="phone"
          type="tel"
          autoComplete="tel"
          label={t('bookings.details.phone')}
          value={contact.phone}
          problem={problems.phone ?? (problems.contact ? ' ' : undefined)}
          onChange={(phone) => onChange({ ...contact, phone })}
        />
      </fieldset>
      <BookingError error={error} />
      <div className="actions">
        <button type="button" className="button button--secondary" onClick={onBack}>
          {t('bookings.back')}
        </button>
        <button type="submit" className="button" disabled={busy}>
          {t('bookings.details.reserve')}
        </button>
      </div>
    </form>
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
