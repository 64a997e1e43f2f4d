import { CaseEventType } from '../../db/entities';
import type { CaseKind } from '../../domain/cases/case-states';
import { splitLabel } from '../../domain/classification/text-classifier';
import type { ServiceDeps } from '../service-deps';
import { ClassifierService } from './classifier-service';

const MAX_SUGGESTIONS = 3;
/** Below this a runner-up is noise, not a suggestion worth a resident's attention. */
const MIN_RUNNER_UP_CONFIDENCE = 0.05;

export interface EventSuggestion {
  kind: CaseKind;
  eventCode: string | null;
  confidence: number;
}

/**
 * What a resident's text is probably about, for the report form to suggest: the same model the
 * worker classifies cases with, so the suggestion and the later routing agree; events the city
 * switched off are never suggested.
 */
export interface EventSuggester {
  suggest(text: string): Promise<EventSuggestion[]>;
}

export function createEventSuggester(deps: Pick<ServiceDeps, 'orm' | 'config'>): EventSuggester {
  // Trained at the first request (about a second), not at start: an API that never classifies pays nothing.
  let classifier: ClassifierService | null = null;
  return {
    async suggest(text) {
      classifier ??= new ClassifierService(deps.orm, { modelFile: deps.config.cases.classifierModelFile });
      const em = deps.orm.em.fork();
      const [model, activeEvents] = await Promise.all([
        classifier.current(),
        em.find(CaseEventType, { active: true }, { fields: ['code'] }),
      ]);
      const active = new Set(activeEvents.map((event) => event.code));
      const probabilities = model.probabilities(text);
      const ranked = model.labels
        .map((label, i) => ({ ...splitLabel(label), label, confidence: probabilities[i] }))
        .filter((s) => s.eventCode === null || active.has(s.eventCode))
        .sort((a, b) => b.confidence - a.confidence || (a.label < b.label ? -1 : 1));
      const suggestions = ranked
        .slice(0, MAX_SUGGESTIONS)
        .filter((s, i) => i === 0 || s.confidence >= MIN_RUNNER_UP_CONFIDENCE);
      return suggestions.map((s) => ({
        kind: s.kind,
        eventCode: s.eventCode,
        confidence: Math.round(s.confidence * 1000) / 1000,
      }));
    },
  };
}
