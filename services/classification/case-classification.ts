import type { Orm } from '../../db/orm';
import { Case, CaseEventType, ClassificationCorrection } from '../../db/entities';
import type { CaseKind, Priority } from '../../domain/cases/case-states';
import { PermanentFailure } from '../permanent-failure';
import type { ClassifierService } from './classifier-service';

export interface ClassifyCaseInput {
  caseId: string;
  /** What the resident said it is; null when the channel does not ask (e-mail). */
  kind: CaseKind | null;
  eventCode: string | null;
}

export interface CaseClassification {
  kind: CaseKind;
  eventCode: string | null;
  priority: Priority;
  confidence: number;
  source: 'RESIDENT' | 'MODEL';
  alternatives: { kind: CaseKind; eventCode: string | null; score: number }[];
}

export interface ClassificationCorrectionInput {
  caseId: string;
  kind: CaseKind;
  eventCode: string | null;
  correctedBy: string;
}

async function priorityOf(orm: Orm, eventCode: string | null): Promise<Priority> {
  if (!eventCode) return 'normal';
  const event = await orm.em.fork().findOne(CaseEventType, { code: eventCode });
  return (event?.priority as Priority | undefined) ?? 'normal';
}

/**
 * Kind, event, priority and a confidence. A category the resident chose is validated and
 * trusted; otherwise the text is classified. The workflow compares the confidence with its
 * triage threshold.
 */
export async function classifyCase(
  { orm, classifier }: { orm: Orm; classifier: ClassifierService },
  input: ClassifyCaseInput,
): Promise<CaseClassification> {
  const em = orm.em.fork();
  const row = await em.findOne(Case, { id: input.caseId });
  if (!row) throw new PermanentFailure(`case ${input.caseId} does not exist`, 'CASE_NOT_FOUND');
  if (input.eventCode) {
    const event = await em.findOne(CaseEventType, { code: input.eventCode, active: true });
    if (event) {
      return {
        kind: 'INCIDENT',
        eventCode: event.code,
        priority: event.priority as Priority,
        confidence: 1,
        source: 'RESIDENT',
        alternatives: [],
      };
    }
  }
  // A question, suggestion or complaint named by the resident needs no event: the kind is enough.
  if (input.kind && input.kind !== 'INCIDENT') {
    return {
      kind: input.kind,
      eventCode: null,
      priority: 'normal',
      confidence: 1,
      source: 'RESIDENT',
      alternatives: [],
    };
  }
  const model = await classifier.current();
  const prediction = model.predict(row.description);
  const alternatives = prediction.alternatives.map((a) => ({
    kind: a.kind,
    eventCode: a.eventCode,
    score: a.score,
  }));
  // The resident said it is a failure report; a model that reads a question has to convince a clerk.
  // An event switched off in the back office after the model learnt it goes to a clerk as well.
  const retired =
    prediction.eventCode !== null &&
    !(await em.findOne(CaseEventType, { code: prediction.eventCode, active: true }));
  const disagrees = retired || (input.kind === 'INCIDENT' && prediction.kind !== 'INCIDENT');
  return {
    kind: input.kind ?? prediction.kind,
    eventCode: disagrees ? null : prediction.eventCode,
    priority: await priorityOf(orm, disagrees ? null : prediction.eventCode),
    confidence: disagrees ? 0 : prediction.confidence,
    source: 'MODEL',
    alternatives,
  };
}

/** A clerk's classification that differs from the model's: kept so the next model learns it. */
export async function recordClassificationCorrection(
  orm: Orm,
  input: ClassificationCorrectionInput,
): Promise<void> {
  const em = orm.em.fork();
  const row = await em.findOne(Case, { id: input.caseId });
  if (!row) return;
  const existing = await em.findOne(ClassificationCorrection, { caseId: input.caseId });
  // One correction per case: a later reclassification replaces the earlier one.
  if (existing) {
    existing.kind = input.kind;
    existing.eventCode = input.eventCode;
    existing.correctedBy = input.correctedBy;
  } else {
    em.create(ClassificationCorrection, {
      caseId: input.caseId,
      text: row.description,
      kind: input.kind,
      eventCode: input.eventCode,
      correctedBy: input.correctedBy,
      createdAt: new Date(),
    });
  }
  await em.flush();
}
