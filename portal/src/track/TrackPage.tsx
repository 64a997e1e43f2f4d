import { useRef, useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useI18n } from '../i18n/i18n';
import './track.css';

const SLUG = /^\d{6,}-\d{2}$/;

/** "000123/26", "000123-26" or "#000123/26 " → "000123-26", the form the API's paths take. */
export function caseNumberSlug(text: string): string | null {
  const slug = text.trim().replace(/^#/, '').replace(/\s+/g, '').replace('/', '-');
  return SLUG.test(slug) ? slug : null;
}

/** Where a case's page lives; the token stays in the address so the page can be bookmarked. */
export function casePagePath(slug: string, token: string): string {
  return `/track/${slug}?token=${encodeURIComponent(token)}`;
}

/** The number-and-token form: on the tracking page, and on a case page opened without its token. */
export function TrackForm({ initialNumber = '' }: { initialNumber?: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [number, setNumber] = useState(initialNumber);
  const [token, setToken] = useState('');
  const [errors, setErrors] = useState<{ number?: string; token?: string }>({});
  const numberInput = useRef<HTMLInputElement>(null);
  const tokenInput = useRef<HTMLInputElement>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const slug = caseNumberSlug(number);
    const cleanToken = token.trim();
    const found = {
      number: slug ? undefined : t('track.form.numberInvalid'),
      token: cleanToken.length >= 16 && cleanToken.length <= 64 ? undefined : t('track.form.tokenInvalid'),
    };
    setErrors(found);
    if (found.number) numberInput.current?.focus();
    else if (found.token) tokenInput.current?.focus();
    else void navigate(casePagePath(slug!, cleanToken));
  }

  const describedBy = (id: string, error?: string) =>
    [`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ');

  return (
    <form onSubmit={submit} noValidate className="track-form">
      <div className="field">
        <label htmlFor="track-number">{t('track.form.number')}</label>
        <span id="track-number-hint" className="hint">
          {t('track.form.numberHint')}
        </span>
        <input
          id="track-number"
          ref={numberInput}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          value={number}
          onChange={(e) => setNumber(e.target.value)}
          aria-invalid={errors.number ? true : undefined}
          aria-describedby={describedBy('track-number', errors.number)}
          required
        />
        {errors.number ? (
          <span id="track-number-error" className="field-error">
            {errors.number}
          </span>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor="track-token">{t('track.form.token')}</label>
        <span id="track-token-hint" className="hint">
          {t('track.form.tokenHint')}
        </span>
        <input
          id="track-token"
          ref={tokenInput}
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={token}
          onChange={(e) => setToken(e.target.value)}
          aria-invalid={errors.token ? true : undefined}
          aria-describedby={describedBy('track-token', errors.token)}
          required
        />
        {errors.token ? (
          <span id="track-token-error" className="field-error">
            {errors.token}
          </span>
        ) : null}
      </div>
      <div className="actions">
        <button type="submit" className="button">
          {t('track.form.submit')}
        </button>
      </div>
    </form>
  );
}

export function TrackPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  return (
    <>
      <h1>{t('track.title')}</h1>
      <p>{t('track.form.intro')}</p>
      <TrackForm initialNumber={params.get('number') ?? ''} />
    </>
  );
}
