import { useRef, useState, type FormEvent } from 'react';
import { api } from '../api';
import { ErrorNotice } from '../components/ErrorNotice';
import { useI18n } from '../i18n/i18n';
import { EMAIL_PATTERN } from './draft';
import { caseSlug, findEvent, formatDate, type NearbyCase, type Taxonomy } from './report-api';

function NearbyCaseItem({
  item,
  taxonomy,
  defaultEmail,
}: {
  item: NearbyCase;
  taxonomy: Taxonomy | null;
  defaultEmail: string;
}) {
  const { t, pick, lang } = useI18n();
  const [open, setOpen] = useState(false);
  const [email, setEmail] = useState(defaultEmail);
  const [emailError, setEmailError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [followedAs, setFollowedAs] = useState<string | null>(null);
  const emailInput = useRef<HTMLInputElement>(null);
  const followButton = useRef<HTMLButtonElement>(null);
  const id = `follow-${caseSlug(item.number)}`;

  async function follow(event: FormEvent) {
    event.preventDefault();
    const address = email.trim();
    if (!EMAIL_PATTERN.test(address)) {
      setEmailError(t('report.nearby.emailInvalid'));
      emailInput.current?.focus();
      return;
    }
    setEmailError(null);
    setFailure(null);
    setSending(true);
    try {
      await api(`/api/v1/public/cases/${caseSlug(item.number)}/followers`, {
        method: 'POST',
        body: { email: address, language: lang },
      });
      setFollowedAs(address);
      setOpen(false);
    } catch (error) {
      setFailure(error);
    } finally {
      setSending(false);
    }
  }

  const place = [item.street, item.district].filter(Boolean).join(', ') || t('report.nearby.unknownAddress');
  return (
    <li className="card nearby-case" data-testid="nearby-case">
      <h4 className="nearby-case__title">
        {pick(findEvent(taxonomy, item.eventCode)?.name) || item.eventCode} · {item.number}
      </h4>
      <ul className="nearby-case__facts">
        <li>{t('report.nearby.status', { status: t(`report.status.${item.status}`) })}</li>
        <li>{place}</li>
        <li>{t('report.nearby.reported', { date: formatDate(item.createdAt, lang) })}</li>
        <li>{t('report.nearby.distance', { meters: Math.round(item.distanceMeters) })}</li>
        <li>
          {/* A new tab: the report being written here lives only in this page. */}
          <a href={`/portal/reports/${caseSlug(item.number)}`} target="_blank" rel="noopener">
            {t('report.nearby.open')}
          </a>
        </li>
      </ul>
      <div role="status">
        {followedAs ? (
          <p className="notice notice--ok">
            {t('report.nearby.following', { number: item.number, email: followedAs })}
          </p>
        ) : null}
      </div>
      {open ? (
        <form onSubmit={(event) => void follow(event)} noValidate>
          <div className="field">
            <label htmlFor={id}>{t('report.nearby.followEmail')}</label>
            <input
              id={id}
              ref={emailInput}
              type="email"
              autoComplete="email"
              required
              value={email}
              aria-invalid={emailError ? true : undefined}
              aria-describedby={emailError ? `${id}-error` : undefined}
              onChange={(event) => setEmail(event.target.value)}
            />
            {emailError ? (
              <span id={`${id}-error`} className="field-error">
                {emailError}
              </span>
            ) : null}
          </div>
          <ErrorNotice error={failure} />
          <div className="actions">
            <button type="submit" className="button" disabled={sending}>
              {t('report.nearby.followSubmit')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setOpen(false);
                requestAnimationFrame(() => followButton.current?.focus());
              }}
            >
              {t('report.nearby.followCancel')}
            </button>
          </div>
        </form>
      ) : followedAs ? null : (
        <button
          ref={followButton}
          type="button"
          className="button button--secondary"
          aria-label={`${t('report.nearby.follow')} ${item.number}`}
          onClick={() => {
            setOpen(true);
            requestAnimationFrame(() => emailInput.current?.focus());
          }}
        >
          {t('report.nearby.follow')}
        </button>
      )}
    </li>
  );
}

/**
 * "Is this your problem?": open reports of the same event near the chosen place, before a new one
 * is written. Following one of them is the resident's alternative to a duplicate report.
 */
export function NearbyCases({
  items,
  taxonomy,
  defaultEmail,
  onBack,
  onContinue,
}: {
  items: NearbyCase[];
  taxonomy: Taxonomy | null;
  defaultEmail: string;
  onBack(): void;
  onContinue(): void;
}) {
  const { t } = useI18n();
  return (
    <>
      <p>{t('report.nearby.intro')}</p>
      <ul className="nearby-cases">
        {items.map((item) => (
          <NearbyCaseItem key={item.number} item={item} taxonomy={taxonomy} defaultEmail={defaultEmail} />
        ))}
      </ul>
      <div className="actions">
        <button type="button" className="button button--secondary" onClick={onBack}>
          {t('common.actions.back')}
        </button>
        <button type="button" className="button" onClick={onContinue}>
          {t('report.nearby.continue')}
        </button>
      </div>
    </>
  );
}
