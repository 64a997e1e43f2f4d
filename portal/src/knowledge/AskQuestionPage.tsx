import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ErrorNotice } from '../components/ErrorNotice';
import { useI18n } from '../i18n/i18n';
import { askQuestion, trackingPath, type CreatedCase } from './knowledge-api';
import './knowledge.css';

const MAX_QUESTION = 4000;
/** The same shape the API accepts; the server has the last word. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** randomUUID exists only in secure contexts; getRandomValues everywhere (a portal tried over plain http). */
function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `question-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

interface Problems {
  question?: string;
  email?: string;
}

/**
 * A question the knowledge base did not answer, sent as an INFORMATION case from the portal. What
 * the resident searched for (`?q=`) starts the question so nothing has to be typed twice.
 */
export function AskQuestionPage() {
  const { t, lang } = useI18n();
  const [params] = useSearchParams();
  const [question, setQuestion] = useState(() => params.get('q') ?? '');
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState<{ created: CreatedCase; email: string } | null>(null);
  // One key per question: a retry after a lost answer returns the same case instead of a second one.
  const idempotencyKey = useRef(newIdempotencyKey());
  const questionInput = useRef<HTMLTextAreaElement>(null);
  const emailInput = useRef<HTMLInputElement>(null);
  const sentHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = t('knowledge.ask.heading');
  }, [t]);

  useEffect(() => {
    if (sent) sentHeading.current?.focus();
  }, [sent]);

  function submit(event: FormEvent) {
    event.preventDefault();
    void send();
  }

  async function send() {
    const description = question.trim();
    const address = email.trim();
    const found: Problems = {
      question:
        description.length < 3
          ? t('knowledge.ask.questionRequired')
          : description.length > MAX_QUESTION
            ? t('knowledge.ask.questionTooLong')
            : undefined,
      email: address && !EMAIL.test(address) ? t('knowledge.ask.emailInvalid') : undefined,
    };
    setProblems(found);
    if (found.question) return questionInput.current?.focus();
    if (found.email) return emailInput.current?.focus();
    setSending(true);
    setError(null);
    try {
      const created = await askQuestion(
        { description, email: address || undefined, name: name.trim() || undefined, language: lang },
        idempotencyKey.current,
      );
      setSent({ created, email: address });
    } catch (failure) {
      setError(failure);
    } finally {
      setSending(false);
    }
  }

  function askAnother() {
    idempotencyKey.current = newIdempotencyKey();
    setQuestion('');
    setSent(null);
    setProblems({});
  }

  if (sent) {
    return (
      <>
        <h1>{t('knowledge.ask.heading')}</h1>
        <section className="notice notice--ok" aria-labelledby="knowledge-sent-heading">
          <h2 id="knowledge-sent-heading" ref={sentHeading} tabIndex={-1} className="knowledge-sent">
            {t('knowledge.ask.sent')}
          </h2>
          <p>
            {t('knowledge.ask.caseNumber')}:{' '}
            <strong className="knowledge-case-number" data-testid="case-number">
              {sent.created.number}
            </strong>
          </p>
          <p>{t('knowledge.ask.keep')}</p>
          {sent.email ? <p>{t('knowledge.ask.emailNote', { email: sent.email })}</p> : null}
        </section>
        <div className="actions">
          <Link className="button" to={trackingPath(sent.created.number, sent.created.trackingToken)}>
            {t('knowledge.ask.follow')}
          </Link>
          <button type="button" className="button button--secondary" onClick={askAnother}>
            {t('knowledge.ask.another')}
          </button>
        </div>
      </>
    );
  }

  const describedBy = (id: string, problem?: string) =>
    [`${id}-hint`, problem ? `${id}-error` : null].filter(Boolean).join(' ');

  return (
    <>
      <h1>{t('knowledge.ask.heading')}</h1>
      <p>{t('knowledge.ask.intro')}</p>
      <p>
        {t('knowledge.ask.searchFirst')} <Link to="/help">{t('knowledge.ask.searchFirstLink')}</Link>
      </p>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="ask-question">
            {t('knowledge.ask.question')} <span className="muted">({t('common.required')})</span>
          </label>
          <span id="ask-question-hint" className="hint">
            {t('knowledge.ask.questionHint')}
          </span>
          <textarea
            id="ask-question"
            ref={questionInput}
            value={question}
            required
            rows={6}
            maxLength={MAX_QUESTION}
            aria-invalid={problems.question ? true : undefined}
            aria-describedby={describedBy('ask-question', problems.question)}
            onChange={(event) => setQuestion(event.target.value)}
          />
          {problems.question ? (
            <span id="ask-question-error" className="field-error">
              {problems.question}
            </span>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="ask-email">
            {t('knowledge.ask.email')} <span className="muted">({t('common.optional')})</span>
          </label>
          <span id="ask-email-hint" className="hint">
            {t('knowledge.ask.emailHint')}
          </span>
          <input
            id="ask-email"
            ref={emailInput}
            type="email"
            autoComplete="email"
            value={email}
            maxLength={254}
            aria-invalid={problems.email ? true : undefined}
            aria-describedby={describedBy('ask-email', problems.email)}
            onChange={(event) => setEmail(event.target.value)}
          />
          {problems.email ? (
            <span id="ask-email-error" className="field-error">
              {problems.email}
            </span>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="ask-name">
            {t('knowledge.ask.name')} <span className="muted">({t('common.optional')})</span>
          </label>
          <span id="ask-name-hint" className="hint">
            {t('knowledge.ask.nameHint')}
          </span>
          <input
            id="ask-name"
            type="text"
            autoComplete="name"
            value={name}
            maxLength={200}
            aria-describedby="ask-name-hint"
            onChange={(event) => setName(event.target.value)}
          />
        </div>
        <p className="hint">{t('knowledge.ask.privacy')}</p>
        <ErrorNotice error={error} />
        <div className="actions">
          <button type="submit" className="button" disabled={sending}>
            {sending ? t('knowledge.ask.sending') : t('knowledge.ask.submit')}
          </button>
        </div>
      </form>
    </>
  );
}
