import type { Orm } from '../../services/service-deps';
import type { Priority } from '../../domain/cases/case-states';
import { resumeSlaClock, startSlaClock } from '../../services/sla/sla-clock';
import type { SlaClock } from '../../workflows/case.messages';
import { reportPermanentFailures } from '../permanent-failures';

export function createCaseSlaActivities({ orm }: { orm: Orm }) {
  return {
    /**
     * Due times of a case routed now (services/sla/sla-clock.ts). No policy that applies is
     * permanent (NO_SLA_POLICY): only an administrator can mend it.
     */
    async startSlaClock(input: {
      eventCode: string | null;
      priority: Priority;
      startedAt: string;
    }): Promise<SlaClock> {
      return reportPermanentFailures(() => startSlaClock(orm, input));
    },

    /** The clock after a pause, every threshold still ahead moved by the paused working time. */
    async resumeSlaClock(input: { clock: SlaClock; resumedAt: string }): Promise<SlaClock> {
      return resumeSlaClock(orm, input);
    },
  };
}
