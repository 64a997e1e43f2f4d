import './report.css';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n/i18n';
import { DetailsStep } from './DetailsStep';
import { emptyDraft, randomKey, type ReportDraft } from './draft';
import { NearbyCases } from './NearbyCases';
import { PlaceStep } from './PlaceStep';
import { choiceName, ProblemStep } from './ProblemStep';
import { caseSlug, findEvent, useTaxonomy, type CreatedCase, type NearbyCase } from './report-api';
import { ReportDone, ReviewStep, type PhotoUpload, type Stage } from './ReviewStep';

/** The multipart field of photos (PHOTO_FIELD in api/attachments/attachments.schemas.ts). */
const PHOTO_FIELD = 'photos';

const STEPS = [
  { key: 'place', stages: ['place'] },
  { key: 'problem', stages: ['problem', 'nearby'] },
  { key: 'details', stages: ['details', 'review'] },
] as const;

function StepIndicator({ stage }: { stage: Stage }) {
  const { t } = useI18n();
  const current = STEPS.findIndex((step) => (step.stages as readonly Stage[]).includes(stage));
  return (
    <ol className="steps" aria-label={t('report.steps.label')}>
      {STEPS.map((step, index) => (
        <li
          key={step.key}
          className={`steps__step${index === current ? ' steps__step--current' : ''}${index < current ? ' steps__step--done' : ''}`}
          aria-current={index === current ? 'step' : undefined}
        >
          <span className="steps__number" aria-hidden="true">
            {index + 1}
          </span>{' '}
          {t(`report.steps.${step.key}`)}
          {index < current ? <span className="visually-hidden"> ({t('report.steps.done')})</span> : null}
        </li>
      ))}
    </ol>
  );
}

/**
 * "Report a problem" in three steps, as the 19115 app does: the place, the problem (with reports of
 * the same problem nearby offered before a new one is written), and the details. The draft lives
 * here, so going back and forth loses nothing; the case is filed once, then its photos are sent.
 */
export function ReportPage() {
  const { t, pick, lang } = useI18n();
  const { taxonomy, error: taxonomyError } = useTaxonomy();
  const [draft, setDraft] = useState<ReportDraft>(emptyDraft);
  const [stage, setStage] = useState<Stage>('place');
  const [nearby, setNearby] = useState<NearbyCase[]>([]);
  const [checkingNearby, setCheckingNearby] = useState(false);
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<unknown>(null);
  const [created, setCreated] = useState<CreatedCase | null>(null);
  const [upload, setUpload] = useState<PhotoUpload>({ state: 'none' });
  const heading = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  const sendingNow = useRef(false);
  /**
   * One key per report content: a double click or a retry after a lost answer sends the same key and
   * gets the same case back; a report changed after a refusal is a new request and gets a new key.
   */
  const idempotency = useRef<{ key: string; body: string } | null>(null);
  const photosToRelease = useRef(draft.details.photos);
  photosToRelease.current = draft.details.photos;

  useEffect(
    () => () => {
      for (const photo of photosToRelease.current) URL.revokeObjectURL(photo.previewUrl);
    },
    [],
  );

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    // A new step replaces the old one's content: keyboard and screen-reader users start at its heading.
    heading.current?.focus();
  }, [stage]);

  const updatePlace = useCallback(
    (update: (place: ReportDraft['place']) => ReportDraft['place']) =>
      setDraft((current) => ({ ...current, place: update(current.place) })),
    [],
  );
  const updateProblem = useCallback(
    (update: (problem: ReportDraft['problem']) => ReportDraft['problem']) =>
      setDraft((current) => ({ ...current, problem: update(current.problem) })),
    [],
  );
  const updateDetails = useCallback(
    (update: (details: ReportDraft['details']) => ReportDraft['details']) =>
      setDraft((current) => ({ ...current, details: update(current.details) })),
    [],
  );

  const choice = draft.problem.choice;
  const event = findEvent(taxonomy, choice?.eventCode);
  // Without an event the description is all the contact center has to go on.
  const descriptionRequired = !choice?.eventCode || (event?.requires.description ?? false);
  const contactRequired = event?.requires.contact ?? false;
  const problemName = choice ? choiceName(choice, taxonomy, t, pick) : '';

  function toDetails() {
    setDraft((current) =>
      current.details.description.trim() || !current.problem.freeText.trim()
        ? current
        : { ...current, details: { ...current.details, description: current.problem.freeText.trim() } },
    );
    setStage('details');
  }

  async function afterProblem() {
    const point = draft.place.point;
    setNearby([]);
    if (choice?.eventCode && point) {
      setCheckingNearby(true);
      try {
        const found = await api<{ items: NearbyCase[] }>('/api/v1/public/cases/nearby', {
          query: { lat: point.lat.toFixed(6), lon: point.lon.toFixed(6), event: choice.eventCode },
        });
        if (found.items.length) {
          setNearby(found.items);
          setStage('nearby');
          return;
        }
      } catch {
        // Offering duplicates helps the city; failing to find them must not stop a report.
      } finally {
        setCheckingNearby(false);
      }
    }
    toDetails();
  }

  function requestBody() {
    const { place, details } = draft;
    const contact = {
      name: details.name.trim() || undefined,
      email: details.email.trim() || undefined,
      phone: details.phone.trim() || undefined,
    };
    const anonymous = !contact.name && !contact.email && !contact.phone;
    return {
      kind: choice?.kind ?? 'INCIDENT',
      eventCode: choice?.eventCode ?? undefined,
      // The API wants a description on every case; when the event may go without one, its name says it.
      description: details.description.trim() || problemName,
      district: place.district ?? undefined,
      location: place.point
        ? {
            lat: Number(place.point.lat.toFixed(6)),
            lon: Number(place.point.lon.toFixed(6)),
            street: place.street ?? undefined,
            building: place.building.trim() || undefined,
          }
        : undefined,
      contact: anonymous ? undefined : contact,
      channel: 'PORTAL',
      language: lang,
      publicationConsent: details.publishDescription === true,
    };
  }

  async function uploadPhotos(to: CreatedCase) {
    const photos = draft.details.photos;
    if (!photos.length) return;
    setUpload({ state: 'uploading' });
    const form = new FormData();
    for (const photo of photos) form.append(PHOTO_FIELD, photo.file, photo.file.name);
    try {
      await api(`/api/v1/cases/${caseSlug(to.number)}/attachments`, {
        method: 'POST',
        query: { token: to.trackingToken },
        body: form,
      });
      setUpload({ state: 'done', count: photos.length });
    } catch (error) {
      setUpload({ state: 'failed', error });
    }
  }

  async function send() {
    if (sendingNow.current) return;
    sendingNow.current = true;
    const body = requestBody();
    const text = JSON.stringify(body);
    if (idempotency.current?.body !== text) idempotency.current = { key: randomKey(), body: text };
    setSending(true);
    setSendError(null);
    try {
      const result = await api<CreatedCase>('/api/v1/cases', {
        method: 'POST',
        body,
        headers: { 'Idempotency-Key': idempotency.current.key },
      });
      setCreated(result);
      setStage('done');
      await uploadPhotos(result);
    } catch (error) {
      setSendError(error);
    } finally {
      sendingNow.current = false;
      setSending(false);
    }
  }

  function startAgain() {
    for (const photo of draft.details.photos) URL.revokeObjectURL(photo.previewUrl);
    setDraft(emptyDraft());
    setNearby([]);
    setCreated(null);
    setUpload({ state: 'none' });
    setSendError(null);
    idempotency.current = null;
    setStage('place');
  }

  const stepNumber = stage === 'place' ? 1 : stage === 'problem' || stage === 'nearby' ? 2 : 3;
  const stageName = {
    place: t('report.steps.place'),
    problem: t('report.steps.problem'),
    nearby: t('report.nearby.heading'),
    details: t('report.steps.details'),
    review: t('report.review.heading'),
    done: '',
  }[stage];

  return (
    <div className="report">
      <h1>{t('report.title')}</h1>
      {stage === 'done' ? null : (
        <>
          <p className="muted">{t('report.intro')}</p>
          <StepIndicator stage={stage} />
        </>
      )}
      <h2 ref={heading} tabIndex={-1} className="step-heading">
        {stage === 'done'
          ? t('report.done.heading')
          : t('report.steps.heading', { number: stepNumber, name: stageName })}
      </h2>

      {stage === 'place' ? (
        <PlaceStep place={draft.place} onChange={updatePlace} onNext={() => setStage('problem')} />
      ) : null}
      {stage === 'problem' ? (
        <ProblemStep
          taxonomy={taxonomy}
          taxonomyError={taxonomyError}
          problem={draft.problem}
          onChange={updateProblem}
          onBack={() => setStage('place')}
          onNext={() => void afterProblem()}
          checkingNearby={checkingNearby}
        />
      ) : null}
      {stage === 'nearby' ? (
        <NearbyCases
          items={nearby}
          taxonomy={taxonomy}
          defaultEmail={draft.details.email}
          onBack={() => setStage('problem')}
          onContinue={toDetails}
        />
      ) : null}
      {stage === 'details' ? (
        <DetailsStep
          details={draft.details}
          descriptionRequired={descriptionRequired}
          contactRequired={contactRequired}
          onChange={updateDetails}
          onBack={() => setStage(nearby.length ? 'nearby' : 'problem')}
          onNext={() => setStage('review')}
        />
      ) : null}
      {stage === 'review' ? (
        <ReviewStep
          draft={draft}
          problemName={problemName}
          sending={sending}
          sendError={sendError}
          onEdit={setStage}
          onSend={() => void send()}
        />
      ) : null}
      {stage === 'done' && created ? (
        <ReportDone
          created={created}
          email={draft.details.email}
          upload={upload}
          onRetryUpload={() => void uploadPhotos(created)}
          onAnother={startAgain}
        />
      ) : null}
    </div>
  );
}
