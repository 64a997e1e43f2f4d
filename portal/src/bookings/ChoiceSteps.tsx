import type { FormEvent } from 'react';
import { Loading } from '../components/ErrorNotice';
import { useI18n } from '../i18n/i18n';
import type { BookableService, FreeSlot, Office } from './booking-api';
import { BookingError, OpeningHours, StepHeading } from './booking-parts';
import { SlotPicker } from './SlotPicker';

/** The first step: which service the resident comes for. */
export function ServiceStep({
  services,
  service,
  focus,
  choiceError,
  error,
  onChange,
  onSubmit,
}: {
  services: BookableService[] | null;
  service: BookableService | null;
  focus: boolean;
  choiceError: string | null;
  error: unknown;
  onChange(service: BookableService): void;
  onSubmit(event: FormEvent): void;
}) {
  const { t, pick } = useI18n();
  return (
    <form onSubmit={onSubmit} noValidate>
      <StepHeading key="service" focus={focus}>
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
                    onChange={() => onChange(s)}
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
  );
}

/** The second step: which office offering the service, with its address and opening hours. */
export function OfficeStep({
  offices,
  office,
  serviceName,
  choiceError,
  error,
  onChange,
  onBack,
  onSubmit,
}: {
  offices: Office[] | null;
  office: Office | null;
  serviceName: string;
  choiceError: string | null;
  error: unknown;
  onChange(office: Office): void;
  onBack(): void;
  onSubmit(event: FormEvent): void;
}) {
  const { t } = useI18n();
  return (
    <form onSubmit={onSubmit} noValidate>
      <StepHeading key="office">{t('bookings.office.heading')}</StepHeading>
      {!offices && !error && <Loading />}
      {offices && offices.length === 0 && <p className="notice notice--warn">{t('bookings.office.none')}</p>}
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
                    onChange={() => onChange(o)}
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
        <button type="button" className="button button--secondary" onClick={onBack}>
          {t('bookings.back')}
        </button>
        {offices && offices.length > 0 && (
          <button type="submit" className="button">
            {t('bookings.next')}
          </button>
        )}
      </div>
    </form>
  );
}

/**
 * The third step: a free slot in the week shown. `notice` says why the resident is back here (the
 * slot was taken meanwhile, or the hold ran out).
 */
export function SlotStep({
  service,
  serviceName,
  office,
  offices,
  week,
  notice,
  reloadKey,
  onWeekChange,
  onPick,
  onOfficeChange,
  onChooseOffice,
}: {
  service: BookableService;
  serviceName: string;
  office: Office;
  offices: Office[];
  week: string;
  notice: 'taken' | 'expired' | null;
  reloadKey: number;
  onWeekChange(week: string): void;
  onPick(slot: FreeSlot): void;
  onOfficeChange(office: Office): void;
  onChooseOffice(): void;
}) {
  const { t } = useI18n();
  return (
    <div>
      <StepHeading key="slot">{t('bookings.slot.heading')}</StepHeading>
      <Chosen service={serviceName} office={office} onChangeOffice={onChooseOffice} />
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
        onWeekChange={onWeekChange}
        onPick={onPick}
        onOfficeChange={onOfficeChange}
        onChooseOtherOffice={onChooseOffice}
        reloadKey={reloadKey}
      />
      <div className="actions">
        <button type="button" className="button button--secondary" onClick={onChooseOffice}>
          {t('bookings.back')}
        </button>
      </div>
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
