import { useRef, useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n';
import { useSettings } from '../layout/settings';
import { EMAIL_PATTERN, PHONE_PATTERN, type DetailsDraft } from './draft';
import { Field } from './Field';
import { PhotoPicker } from './PhotoPicker';

type Errors = Partial<Record<'description' | 'email' | 'phone', string>>;

/**
 * Step 3: the description, photos and contact. What is required follows the chosen event
 * (taxonomy `requires`): some events cannot be reported anonymously, some need a description.
 */
export function DetailsStep({
  details,
  descriptionRequired,
  contactRequired,
  onChange,
  onBack,
  onNext,
}: {
  details: DetailsDraft;
  descriptionRequired: boolean;
  contactRequired: boolean;
  onChange(update: (details: DetailsDraft) => DetailsDraft): void;
  onBack(): void;
  onNext(): void;
}) {
  const { t } = useI18n();
  const settings = useSettings();
  const [errors, setErrors] = useState<Errors>({});
  const description = useRef<HTMLTextAreaElement>(null);
  const email = useRef<HTMLInputElement>(null);
  const phone = useRef<HTMLInputElement>(null);

  const set = (field: 'description' | 'name' | 'email' | 'phone') => (value: string) =>
    onChange((current) => ({ ...current, [field]: value }));

  function validate(): Errors {
    const found: Errors = {};
    const text = details.description.trim();
    if (descriptionRequired && text.length < 3) found.description = t('report.details.descriptionRequired');
    else if (text.length > 0 && text.length < 3) found.description = t('report.details.descriptionTooShort');
    if (details.email.trim() && !EMAIL_PATTERN.test(details.email.trim())) {
      found.email = t('report.details.emailInvalid');
    }
    if (details.phone.trim() && !PHONE_PATTERN.test(details.phone.trim())) {
      found.phone = t('report.details.phoneInvalid');
    }
    if (contactRequired && !details.email.trim() && !details.phone.trim()) {
      found.email = t('report.details.contactMissing');
    }
    return found;
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    if (found.description) description.current?.focus();
    else if (found.email) email.current?.focus();
    else if (found.phone) phone.current?.focus();
    else onNext();
  }

  const descriptionDescribedBy = ['description-hint', errors.description ? 'description-error' : null]
    .filter(Boolean)
    .join(' ');
  return (
    <form onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor="description">
          {t('report.details.descriptionLabel')}
          <span className="field-necessity">
            {' '}
            ({t(descriptionRequired ? 'common.required' : 'common.optional')})
          </span>
        </label>
        <span id="description-hint" className="hint">
          {t('report.details.descriptionHint')}
        </span>
        <textarea
          id="description"
          ref={description}
          maxLength={4000}
          required={descriptionRequired}
          aria-invalid={errors.description ? true : undefined}
          aria-describedby={descriptionDescribedBy}
          value={details.description}
          onChange={(event) => set('description')(event.target.value)}
        />
        {errors.description ? (
          <span id="description-error" className="field-error">
            {errors.description}
          </span>
        ) : null}
      </div>

      <div className="field checkbox">
        <input
          id="publish-description"
          type="checkbox"
          checked={details.publishDescription === true}
          aria-describedby="publish-description-hint"
          onChange={(event) =>
            onChange((current) => ({ ...current, publishDescription: event.target.checked }))
          }
        />
        <label htmlFor="publish-description">{t('report.details.publishLabel')}</label>
        <span id="publish-description-hint" className="hint muted">
          {t('report.details.publishHint')}
        </span>
      </div>

      <PhotoPicker
        photos={details.photos}
        maxPhotos={settings.maxPhotos}
        onChange={(photos) => onChange((current) => ({ ...current, photos }))}
      />

      <fieldset aria-describedby="contact-hint">
        <legend>
          {t('report.details.contactLegend')}
          <span className="field-necessity">
            {' '}
            ({t(contactRequired ? 'common.required' : 'common.optional')})
          </span>
        </legend>
        <p id="contact-hint" className="hint muted">
          {contactRequired ? t('report.details.contactRequired') : t('report.details.contactOptional')}
        </p>
        <Field
          id="contact-name"
          label={t('report.details.nameLabel')}
          type="text"
          autoComplete="name"
          maxLength={200}
          value={details.name}
          onChange={(event) => set('name')(event.target.value)}
        />
        <Field
          id="contact-email"
          inputRef={email}
          label={t('report.details.emailLabel')}
          type="email"
          autoComplete="email"
          maxLength={254}
          error={errors.email ?? null}
          value={details.email}
          onChange={(event) => set('email')(event.target.value)}
        />
        <Field
          id="contact-phone"
          inputRef={phone}
          label={t('report.details.phoneLabel')}
          type="tel"
          autoComplete="tel"
          maxLength={20}
          error={errors.phone ?? null}
          value={details.phone}
          onChange={(event) => set('phone')(event.target.value)}
        />
      </fieldset>

      <div className="actions">
        <button type="button" className="button button--secondary" onClick={onBack}>
          {t('common.actions.back')}
        </button>
        <button type="submit" className="button">
          {t('report.details.next')}
        </button>
      </div>
    </form>
  );
}
