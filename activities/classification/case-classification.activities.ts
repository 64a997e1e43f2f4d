import type { Orm } from '../../services/service-deps';
import type { CaseKind } from '../../domain/cases/case-states';
import {
  classifyCase,
  recordClassificationCorrection,
  type CaseClassification,
  type ClassifyCaseInput,
} from '../../services/classification/case-classification';
import type { ClassifierService } from '../../services/classification/classifier-service';
import { reportPermanentFailures } from '../permanent-failures';

export type {
  CaseClassification,
  ClassifyCaseInput,
} from '../../services/classification/case-classification';

export function createCaseClassificationActivities({
  orm,
  classifier,
}: {
  orm: Orm;
  classifier: ClassifierService;
}) {
  return {
    /**
     * Kind, event, priority and a confidence (services/classification/case-classification.ts).
     * A case that does not exist fails for good (CASE_NOT_FOUND).
     */
    async classifyCase(input: ClassifyCaseInput): Promise<CaseClassification> {
      return reportPermanentFailures(() => classifyCase({ orm, classifier }, input));
    },

    /** A clerk's classification that differs from the model's: kept so the next model learns it. */
    async recordClassificationCorrection(input: {
      caseId: string;
      kind: CaseKind;
      eventCode: string | null;
      correctedBy: string;
    }): Promise<void> {
      return recordClassificationCorrection(orm, input);
    },
  };
}
