import { Case } from '../../db/entities';
import type { Orm } from '../../db/orm';

/** What the e-mail channel reads of the case a mail names. */
export type MailCase = Pick<Case, 'id' | 'number' | 'status' | 'contactEmail' | 'workflowStartedAt'>;

/**
 * The case a mail names: by the case id in one of our own Message-IDs it answers, else by the
 * case number in its subject. Whether the mail may join that case is the channel's decision.
 */
export async function findCaseNamedByMail(
  orm: Orm,
  named: { caseId: string | null; number: string | null },
): Promise<MailCase | null> {
  const em = orm.em.fork();
  return (
    (named.caseId ? await em.findOne(Case, { id: named.caseId }) : null) ??
    (named.number ? await em.findOne(Case, { number: named.number }) : null)
  );
}
