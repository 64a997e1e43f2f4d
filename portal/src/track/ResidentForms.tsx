import { useRef, useState, type FormEvent, type Ref } from 'react';
import { ErrorNotice } from '../components/ErrorNotice';
import { useI18n } from '../i18n/i18n';
import { useDates } from './useDates';

/** A text area with its label, hint and error tied to it for screen readers. */
export function TextArea(props: {
  id: string;
  label: string;
  hint?: string;
  error?: string | null;
  value: string;
  maxLength?: number;
  required?: boolean;
  onChange(value: string): void;
  inputRef?: Ref<HTMLTextAreaElement>;
}) {
  const { id, label, hint, error } = props;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      ) : null}
      <textarea
        id={id}
        ref={props.inputRef}
        value={props.value}
        maxLength={props.maxLength}
        required={props.required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {error ? (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      ) : null}
    </div>
  );
}

/**
 * One text and a button, as both the reply to the unit and the reopen request are: the text is
 * checked before sending (focus back on it when it is not enough), the API's refusal is shown.
 */
function TextSubmitForm({
  id,
  label,
  hint,
  minLength,
  tooShort,
  submitLabel,
  secondary = false,
  clearAfterSend = false,
  onSubmit,
}: {
  id: string;
  label: string;
  hint: string;
  minLength: number;
  tooShort: string;
  submitLabel: string;
  secondary?: boolean;
  clearAfterSend?: boolean;
  onSubmit(text: string): Promise<void>;
}) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (text.trim().length < minLength) {
      setProblem(tooShort);
      input.current?.focus();
      return;
    }
    setProblem(null);
    setError(null);
    setBusy(true);
    try {
      await onSubmit(text.trim());
      if (clearAfterSend) setText('');
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <TextArea
        id={id}
        label={label}
        hint={hint}
        error={problem}
        value={text}
        maxLength={4000}
        required
        onChange={setText}
        inputRef={input}
      />
      <ErrorNotice error={error} />
      <div className="actions">
        <button type="submit" className={secondary ? 'button button--secondary' : 'button'} disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}

/** The city asked the resident for information: its question, and the reply box. */
export function ReplyForm({
  question,
  onSend,
}: {
  question: string | null;
  onSend(message: string): Promise<void>;
}) {
  const { t } = useI18n();
  return (
    <section className="case-section" aria-labelledby="case-info-heading">
      <h2 id="case-info-heading">{t('track.info.heading')}</h2>
      {question ? (
        <>
          <p className="muted">{t('track.info.question')}</p>
          <blockquote className="case-question" data-testid="info-request">
            {question}
          </blockquote>
        </>
      ) : null}
      <TextSubmitForm
        id="case-reply"
        label={t('track.info.reply')}
        hint={t('track.info.replyHint')}
        minLength={1}
        tooShort={t('track.info.replyRequired')}
        submitLabel={t('track.info.send')}
        clearAfterSend
        onSubmit={onSend}
      />
    </section>
  );
}

/** A resolved or answered case may be reopened for a while: the reason, and until when. */
export function ReopenForm({
  until,
  onReopen,
}: {
  until: string | null;
  onReopen(reason: string): Promise<void>;
}) {
  const { t } = useI18n();
  const formatDate = useDates();
  return (
    <section className="case-section" aria-labelledby="case-reopen-heading">
      <h2 id="case-reopen-heading">{t('track.reopen.heading')}</h2>
      {until ? <p>{t('track.reopen.until', { date: formatDate(until) })}</p> : null}
      <TextSubmitForm
        id="case-reopen-reason"
        label={t('track.reopen.reason')}
        hint={t('track.reopen.reasonHint')}
        minLength={3}
        tooShort={t('track.reopen.reasonRequired')}
        submitLabel={t('track.reopen.submit')}
        secondary
        onSubmit={onReopen}
      />
    </section>
  );
}
