import type { Client } from '@temporalio/client';
import type { Config } from '../../config/config';
import type { Orm } from '../../db/orm';
import { acceptCase, type AcceptedCase } from '../cases/accept-case';
import { recordConfirmedAddress } from '../cases/contact-confirmation';
import { caseSettings } from '../cases/start-case-workflow';

export interface MailCaseDeps {
  orm: Orm;
  temporal: Client;
  config: Config;
  log: (line: string) => void;
}

/** A case as the e-mail channel files it: the channel asks for no kind, event or place. */
export interface NewMailCase {
  description: string;
  contact: { name: string | null; email: string };
  language: 'pl' | 'en';
  /** Identifies the message across deliveries: a second run finds the case the first one filed. */
  key: string;
  /** The case the mail named but could not join: the new case points at it for a clerk. */
  relatedCaseId: string | null;
  /** The relay vouches that the sender holds the address: the contact is proven at once. */
  senderProven: boolean;
}

/**
 * Files a mail as a new case (idempotently, by the message's key). The link to the case it named
 * and the proof of the sender's address are written in the case's own transaction.
 */
export async function fileMailCase(deps: MailCaseDeps, input: NewMailCase): Promise<AcceptedCase> {
  const { relatedCaseId, senderProven: proven } = input;
  return acceptCase(
    {
      orm: deps.orm,
      temporal: deps.temporal,
      taskQueue: deps.config.temporal.taskQueue,
      settings: caseSettings(deps.config),
      log: deps.log,
    },
    {
      kind: null,
      channel: 'EMAIL',
      eventCode: null,
      description: input.description,
      district: null,
      lat: null,
      lon: null,
      street: null,
      building: null,
      contact: { name: input.contact.name, email: input.contact.email, phone: null },
      language: input.language,
    },
    {
      idempotencyKey: input.key,
      hashOf: { channel: 'EMAIL', key: input.key },
      alongside:
        relatedCaseId || proven
          ? async (tx, created) => {
              if (relatedCaseId) {
                await tx.execute('update cases set related_case_id = ? where id = ?', [
                  relatedCaseId,
                  created.id,
                ]);
              }
              if (proven) {
                // The relay vouches that the sender holds the From address: the case's contact is
                // proven, so its resident is mailed updates without a confirmation link
                // (services/cases/contact-confirmation.ts).
                await recordConfirmedAddress(tx, {
                  email: input.contact.email,
                  method: 'AUTHENTICATED_MAIL',
                  caseId: created.id,
                });
              }
            }
          : undefined,
    },
  );
}
