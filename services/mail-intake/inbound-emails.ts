import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Orm } from '../../db/orm';
import { stripControlCharacters } from '../../domain/text/control-characters';

export interface StoredInboundEmail {
  id: string;
  /** Another delivery of a Message-ID already stored: nothing new was written. */
  duplicate: boolean;
}

export interface MailIntakeQuotas {
  casesPerSenderPerHour: number;
  casesPerHour: number;
}

/** What the store reads of a parsed message (intake/email/parse-incoming-mail.ts has the rest). */
export interface InboundMailHeaders {
  messageId: string | null;
  from: { address: string };
  subject: string;
}

/** Too many cases from mail in the last hour: the relay is told to try again later (SMTP 451). */
export class MailQuotaExceededError extends Error {
  constructor(
    readonly quota: 'SENDER' | 'GLOBAL',
    message: string,
  ) {
    super(message);
    this.name = 'MailQuotaExceededError';
  }
}

/** Serialises the quota check and the insert across every listener process of the city. */
const QUOTA_LOCK = 'civicflow:mail-intake-quota';

/**
 * Mails that became cases in the last hour, and those not yet processed (they may become one):
 * counted in the database, so the quotas hold across restarts and worker replicas.
 */
async function enforceQuotas(em: EntityManager, sender: string, quotas: MailIntakeQuotas): Promise<void> {
  const [counts] = await em.execute<{ total: number; from_sender: number }[]>(
    `select count(*)::int as total, (count(*) filter (where sender = ?))::int as from_sender
       from inbound_emails
      where received_at > now() - interval '1 hour' and (status = 'RECEIVED' or created_case)`,
    [sender],
  );
  if (counts.from_sender >= quotas.casesPerSenderPerHour) {
    throw new MailQuotaExceededError(
      'SENDER',
      `quota reached: at most ${quotas.casesPerSenderPerHour} new cases per hour from ${sender}`,
    );
  }
  if (counts.total >= quotas.casesPerHour) {
    throw new MailQuotaExceededError(
      'GLOBAL',
      `quota reached: at most ${quotas.casesPerHour} new cases per hour by e-mail`,
    );
  }
}

/**
 * Writes the raw message before the relay gets its 250. A second delivery of the same Message-ID
 * (the relay lost our 250 and retried) writes nothing and reports the row already there. A new
 * message over one of the quotas is not written: MailQuotaExceededError.
 */
export async function storeInboundEmail(
  orm: Orm,
  input: { raw: Buffer; envelopeFrom: string; recipients: string[]; mail: InboundMailHeaders },
  quotas: MailIntakeQuotas,
): Promise<StoredInboundEmail> {
  return orm.em.fork().transactional(async (em) => {
    await em.execute('select pg_advisory_xact_lock(hashtext(?))', [QUOTA_LOCK]);
    return insertInboundEmail(em, input, quotas);
  });
}

async function insertInboundEmail(
  em: EntityManager,
  input: { raw: Buffer; envelopeFrom: string; recipients: string[]; mail: InboundMailHeaders },
  quotas: MailIntakeQuotas,
): Promise<StoredInboundEmail> {
  const messageId = input.mail.messageId && stripControlCharacters(input.mail.messageId);
  const sender = stripControlCharacters(input.mail.from.address);
  if (messageId) {
    const [existing] = await em.execute<{ id: string }[]>(
      'select id from inbound_emails where message_id = ?',
      [messageId],
    );
    if (existing) return { id: existing.id, duplicate: true };
  }
  await enforceQuotas(em, sender, quotas);
  const id = randomUUID();
  const inserted = await em.execute<{ id: string }[]>(
    `insert into inbound_emails
       (id, message_id, sender, envelope_from, recipients, subject, raw, size_bytes, received_at, status)
     values (?, ?, ?, ?, ?, ?, ?, ?, now(), 'RECEIVED')
     on conflict (message_id) where message_id is not null do nothing
     returning id`,
    [
      id,
      // Header text may hold control characters (a NUL would make PostgreSQL refuse the row, and the
      // relay would be told to try again forever): stored without them, the raw message keeps all.
      messageId,
      sender,
      stripControlCharacters(input.envelopeFrom),
      JSON.stringify(input.recipients),
      stripControlCharacters(input.mail.subject).slice(0, 1000),
      input.raw,
      input.raw.length,
    ],
  );
  if (inserted.length > 0) return { id, duplicate: false };
  const [existing] = await em.execute<{ id: string }[]>(
    'select id from inbound_emails where message_id = ?',
    [messageId],
  );
  return { id: existing.id, duplicate: true };
}
