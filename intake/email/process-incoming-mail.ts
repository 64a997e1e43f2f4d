import { createHash, randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { isGrpcServiceError } from '@temporalio/client';
import { messageIdDomain } from '../../activities/notifications/notification.activities';
import { addCaseAttachments, type CleanPhoto } from '../../api/attachments/case-attachments';
import { MAX_PHOTO_BYTES, MAX_PHOTOS_PER_CASE } from '../../api/attachments/attachments.schemas';
import { sanitizeFileName } from '../../api/attachments/file-names';
import { mailboxAddress, type Config } from '../../config/config';
import { Case } from '../../db/entities';
import type { Orm } from '../../db/orm';
import { stripImageMetadata } from '../../domain/attachments/image-metadata';
import { ALLOWED_IN, type Actor } from '../../domain/cases/case-actions';
import { caseWorkflowId } from '../../domain/cases/case-number';
import { FINAL_STATUSES } from '../../domain/cases/case-states';
import { AppError } from '../../domain/errors';
import { residentMessageSignal, type ResidentMessage } from '../../workflows/case.messages';
import { acceptCase } from '../accept-case';
import { runCaseAction } from '../run-case-action';
import { caseSettings } from '../start-case-workflow';
import { automatedMailReason, caseIdFromOurMessageIds, caseNumberFromSubject } from './mail-classification';
import { guessLanguage, trimQuotedReply } from './mail-text';
import { stripControlCharacters } from '../../domain/text/control-characters';
import {
  MalformedMailError,
  parseIncomingMail,
  type IncomingAttachment,
  type IncomingMail,
} from './parse-incoming-mail';

export interface EmailIntakeDeps {
  orm: Orm;
  temporal: Client;
  config: Config;
  log: (line: string) => void;
}

/** The public API's limit on a description and a resident's message. */
export const MAX_DESCRIPTION_CHARS = 4000;

/** gRPC's NOT_FOUND: Temporal's answer to a signal for a workflow that has ended. */
const GRPC_NOT_FOUND = 5;

/** How long one process may work on a row before another may take it over (it is presumed dead). */
const LEASE_SECONDS = 120;

export interface StoredInboundEmail {
  id: string;
  /** Another delivery of a Message-ID already stored: nothing new was written. */
  duplicate: boolean;
}

/**
 * Writes the raw message before the relay gets its 250. A second delivery of the same Message-ID
 * (the relay lost our 250 and retried) writes nothing and reports the row already there.
 */
export async function storeInboundEmail(
  orm: Orm,
  input: { raw: Buffer; envelopeFrom: string; recipients: string[]; mail: IncomingMail },
): Promise<StoredInboundEmail> {
  const em = orm.em.fork();
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
      input.mail.messageId && stripControlCharacters(input.mail.messageId),
      input.mail.from.address && stripControlCharacters(input.mail.from.address),
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
    [input.mail.messageId],
  );
  return { id: existing.id, duplicate: true };
}

interface ClaimedRow {
  id: string;
  raw: Buffer;
  envelope_from: string;
  attempts: number;
  /** Set before a reply tries to reopen its case, so that a second run asks the same question. */
  case_id: string | null;
}

type Outcome =
  | { status: 'PROCESSED'; reason: string; caseId: string }
  | { status: 'IGNORED'; reason: string; caseId?: undefined };

/** What happened to one stored message, for the caller's log and the tests. */
export type ProcessResult = Outcome | { status: 'FAILED' | 'RETRY'; reason: string } | { status: 'BUSY' };

/**
 * Turns one stored message into what it means: nothing (a machine's mail), a resident's message
 * on the case it answers (reopening it when it was resolved), or a new case. Safe to run again on
 * the same row: the row is leased, a new case is keyed by the message, photos by their hash, the
 * case signal and the reopen by the row id.
 * Failures that may pass (Temporal or the database away) leave the row RECEIVED for the sweeper.
 */
export async function processInboundEmail(deps: EmailIntakeDeps, id: string): Promise<ProcessResult> {
  const em = deps.orm.em.fork();
  const [row] = await em.execute<ClaimedRow[]>(
    `update inbound_emails
       set locked_until = now() + make_interval(secs => ?), attempts = attempts + 1
     where id = ? and status = 'RECEIVED' and (locked_until is null or locked_until < now())
     returning id, raw, envelope_from, attempts, case_id`,
    [LEASE_SECONDS, id],
  );
  if (!row) return { status: 'BUSY' };

  try {
    const mail = await parseIncomingMail(row.raw);
    const outcome = await interpret(deps, row, mail);
    await em.execute(
      `update inbound_emails
         set status = ?, reason = ?, case_id = ?, processed_at = now(), locked_until = null
       where id = ?`,
      [outcome.status, outcome.reason, outcome.caseId ?? null, row.id],
    );
    deps.log(`mail ${row.id} from ${mail.from.address}: ${outcome.status.toLowerCase()}, ${outcome.reason}`);
    return outcome;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (error instanceof MalformedMailError || error instanceof AppError) {
      // Retrying cannot change the message or the taxonomy's verdict on it: a person must look.
      await em.execute(
        `update inbound_emails set status = 'FAILED', reason = ?, processed_at = now(), locked_until = null where id = ?`,
        [reason, row.id],
      );
      deps.log(`mail ${row.id} failed for good: ${reason}`);
      return { status: 'FAILED', reason };
    }
    // Back off a little more after each attempt, up to half an hour, while Temporal or the database is away.
    const delaySeconds = Math.min(30 * 60, 15 * 2 ** Math.min(row.attempts, 7));
    await em
      .execute(
        `update inbound_emails set reason = ?, locked_until = now() + make_interval(secs => ?) where id = ?`,
        [`attempt ${row.attempts}: ${reason}`, delaySeconds, row.id],
      )
      .catch(() => undefined);
    deps.log(`mail ${row.id} will be retried in ${delaySeconds} s: ${reason}`);
    return { status: 'RETRY', reason };
  }
}

/**
 * Processes every message still RECEIVED whose lease is free: what a crash left behind, and what
 * failed for a passing reason. Returns what became of each.
 */
export async function sweepInboundEmails(deps: EmailIntakeDeps, limit = 100): Promise<ProcessResult[]> {
  const rows = await deps.orm.em.fork().execute<{ id: string }[]>(
    `select id from inbound_emails
       where status = 'RECEIVED' and (locked_until is null or locked_until < now())
       order by received_at limit ?`,
    [limit],
  );
  const results: ProcessResult[] = [];
  for (const { id } of rows) results.push(await processInboundEmail(deps, id));
  return results;
}

async function interpret(deps: EmailIntakeDeps, row: ClaimedRow, mail: IncomingMail): Promise<Outcome> {
  const ownDomain = messageIdDomain(deps.config.mail.from);
  const automated = automatedMailReason({
    headers: mail.headers,
    envelopeFrom: row.envelope_from,
    fromAddress: mail.from.address,
    messageId: mail.messageId,
    contentType: mail.contentType,
    ownAddresses: [mailboxAddress(deps.config.mail.from), ...deps.config.mailIntake.addresses],
    ownDomain,
  });
  if (automated) return { status: 'IGNORED', reason: automated };

  const thread = await threadOf(deps, mail, ownDomain);
  if (thread.target) return replyToCase(deps, row, mail, thread.target);
  return fileNewCase(deps, row, mail, thread.why);
}

/**
 * The case a reply belongs to: named by our own Message-ID in its In-Reply-To/References, or by
 * the `[#000123/26]` tag in its subject. It is threaded only when it comes from the case's own
 * contact address: anyone can type a case number into a subject, and a stranger's mail must not
 * land in (or reopen) someone else's case. Such a mail, or a reply to a finished case, is filed
 * as a new case instead, which a clerk can merge.
 */
async function threadOf(
  deps: EmailIntakeDeps,
  mail: IncomingMail,
  ownDomain: string,
): Promise<{ target: Case | null; why: string | null }> {
  const em = deps.orm.em.fork();
  const caseId = caseIdFromOurMessageIds(mail.replyTo, ownDomain);
  const number = caseNumberFromSubject(mail.subject);
  const found =
    (caseId ? await em.findOne(Case, { id: caseId }) : null) ??
    (number ? await em.findOne(Case, { number }) : null);
  if (!found)
    return { target: null, why: number ? `case ${number} named in the subject does not exist` : null };
  if (found.contactEmail?.trim().toLowerCase() !== mail.from.address) {
    return { target: null, why: `refers to case ${found.number} but is not from its contact address` };
  }
  if (FINAL_STATUSES.includes(found.status)) {
    return { target: null, why: `refers to case ${found.number}, which is ${found.status.toLowerCase()}` };
  }
  if (!found.workflowStartedAt) {
    // The reconciler starts it shortly; until then there is no one to tell, so try again later.
    throw new Error(`the workflow of case ${found.number} has not started yet`);
  }
  return { target: found, why: null };
}

async function replyToCase(
  deps: EmailIntakeDeps,
  row: ClaimedRow,
  mail: IncomingMail,
  target: Case,
): Promise<Outcome> {
  const { photos, skipped } = selectPhotos(mail.attachments);
  const attached = await attachPhotos(deps, target.id, photos);
  const notes = [...skipped, ...attached.refused];
  const body = trimQuotedReply(mail.text);
  const lines = [
    body,
    attached.stored.length ? `Załączone zdjęcia: ${attached.stored.join(', ')}` : '',
    notes.length ? `Pominięte załączniki: ${notes.map((n) => `${n.fileName} (${n.reason})`).join('; ')}` : '',
  ].filter(Boolean);
  const message = clip(cleanText(lines.join('\n\n')) || '(odpowiedź bez treści)', MAX_DESCRIPTION_CHARS);
  const reopened = await reopenWithReply(deps, row, target, message);
  if (reopened) {
    return {
      status: 'PROCESSED',
      caseId: target.id,
      reason: `reply reopened case ${target.number} (now ${reopened.status.toLowerCase()})${attachmentSummary(attached.stored.length, notes.length)}`,
    };
  }
  try {
    await signalResidentMessage(deps.temporal, target.id, row.id, {
      message,
      at: new Date().toISOString(),
      messageId: `email:${row.id}`,
    });
  } catch (error) {
    if (isGrpcServiceError(error) && error.code === GRPC_NOT_FOUND) {
      // The workflow ended after the case was read (closed a moment ago): keep the resident's words.
      return fileNewCase(deps, row, mail, `case ${target.number} closed before the reply reached it`);
    }
    throw error;
  }
  return {
    status: 'PROCESSED',
    caseId: target.id,
    reason: `reply added to case ${target.number}${attachmentSummary(attached.stored.length, notes.length)}`,
  };
}

const RESIDENT: Actor = { id: 'resident', name: 'resident', role: 'RESIDENT', unitCode: null };

/**
 * A reply to a resolved (or answered) case says it is not done: it reopens the case, the reply as
 * the reason, exactly as the portal's reopen does; the workflow's validator decides (the window).
 * Returns null when the case was not reopenable or the workflow refused: the reply is then only a
 * message. A row processed again after a crash (the sweeper) must not reopen twice nor add the
 * text a second time as a message, though the case is no longer RESOLVED by then: the row is
 * marked with the case before the update, and a marked row asks again with the same update id,
 * which Temporal answers with the first outcome instead of running the update again.
 */
async function reopenWithReply(
  deps: EmailIntakeDeps,
  row: ClaimedRow,
  target: Case,
  message: string,
): Promise<{ status: string } | null> {
  const triedBefore = row.case_id === target.id;
  if (!triedBefore && !ALLOWED_IN.reopen.includes(target.status)) return null;
  if (!triedBefore) {
    await deps.orm.em
      .fork()
      .execute('update inbound_emails set case_id = ? where id = ?', [target.id, row.id]);
  }
  try {
    return await runCaseAction(
      deps.temporal,
      target.id,
      { action: 'reopen', actor: RESIDENT, input: { note: message } },
      { updateId: `email-reopen:${row.id}` },
    );
  } catch (error) {
    // Refused (the window has passed, the case closed or moved meanwhile): the reply stays a message.
    if (error instanceof AppError) return null;
    throw error;
  }
}

/**
 * Signals the case with a request id derived from the stored message: Temporal drops a signal
 * whose request id it has already seen, so a reply processed twice (the process died after the
 * signal and before the row was marked) still appears once in the case's timeline. The client's
 * `handle.signal()` mints a random request id, hence the direct service call.
 */
async function signalResidentMessage(
  temporal: Client,
  caseId: string,
  requestId: string,
  message: ResidentMessage,
): Promise<void> {
  const converter = temporal.options.loadedDataConverter;
  let payloads = [converter.payloadConverter.toPayload(message)];
  for (const codec of converter.payloadCodecs) payloads = await codec.encode(payloads);
  await temporal.connection.withDeadline(Date.now() + 10_000, () =>
    temporal.workflowService.signalWorkflowExecution({
      namespace: temporal.options.namespace,
      workflowExecution: { workflowId: caseWorkflowId(caseId) },
      signalName: residentMessageSignal.name,
      input: { payloads },
      identity: temporal.options.identity,
      requestId,
    }),
  );
}

async function fileNewCase(
  deps: EmailIntakeDeps,
  row: ClaimedRow,
  mail: IncomingMail,
  why: string | null,
): Promise<Outcome> {
  const { photos, skipped } = selectPhotos(mail.attachments);
  const body = trimQuotedReply(mail.text);
  const description = caseDescription(mail.subject, body, skipped);
  // The Message-ID identifies the message across deliveries; without one, the stored row does.
  const key = `email:${createHash('sha256')
    .update(mail.messageId ?? row.id)
    .digest('hex')
    .slice(0, 40)}`;
  const accepted = await acceptCase(
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
      description,
      district: null,
      lat: null,
      lon: null,
      street: null,
      building: null,
      contact: { name: mail.from.name?.slice(0, 200) ?? null, email: mail.from.address, phone: null },
      language: guessLanguage(`${mail.subject}\n${body}`),
    },
    { idempotencyKey: key, hashOf: { channel: 'EMAIL', key } },
  );
  const attached = await attachPhotos(deps, accepted.row.id, photos);
  const notes = skipped.length + attached.refused.length;
  const what = accepted.created ? 'new case' : 'case already filed from this message:';
  return {
    status: 'PROCESSED',
    caseId: accepted.row.id,
    reason: `${what} ${accepted.row.number}${attachmentSummary(attached.stored.length, notes)}${why ? ` (${why})` : ''}`,
  };
}

function attachmentSummary(stored: number, skipped: number): string {
  const parts = [
    stored ? `${stored} photo(s) attached` : '',
    skipped ? `${skipped} attachment(s) skipped` : '',
  ];
  const text = parts.filter(Boolean).join(', ');
  return text ? `; ${text}` : '';
}

interface SkippedAttachment {
  fileName: string;
  /** In Polish: it goes into the case's description, read by the city's staff. */
  reason: string;
}

/**
 * The attachments that pass the API's photo rules (JPEG, PNG or WebP by content, at most 10 MB,
 * at most five, metadata stripped), attached ones before images inline in the HTML (logos in
 * signatures usually are); every other attachment is listed with the reason it was left out.
 */
export function selectPhotos(attachments: IncomingAttachment[]): {
  photos: CleanPhoto[];
  skipped: SkippedAttachment[];
} {
  const photos: CleanPhoto[] = [];
  const skipped: SkippedAttachment[] = [];
  const ordered = [...attachments.filter((a) => !a.inline), ...attachments.filter((a) => a.inline)];
  for (const attachment of ordered) {
    const fileName = sanitizeFileName(attachment.fileName ?? undefined);
    if (attachment.content.length > MAX_PHOTO_BYTES) {
      skipped.push({ fileName, reason: `większy niż ${MAX_PHOTO_BYTES / 1024 / 1024} MB` });
      continue;
    }
    let clean;
    try {
      clean = stripImageMetadata(attachment.content, fileName);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      skipped.push({
        fileName,
        reason:
          error.code === 'UNSUPPORTED_MEDIA_TYPE'
            ? 'nie jest obrazem JPEG, PNG ani WebP'
            : 'uszkodzony plik obrazu',
      });
      continue;
    }
    if (photos.length >= MAX_PHOTOS_PER_CASE) {
      skipped.push({ fileName, reason: `sprawa przyjmuje najwyżej ${MAX_PHOTOS_PER_CASE} zdjęć` });
      continue;
    }
    photos.push({ fileName, mediaType: clean.mediaType, bytes: clean.bytes });
  }
  return { photos, skipped };
}

/**
 * Adds the photos the case does not have yet (by content hash, so processing a message twice adds
 * each photo once) within the case's limit; what the case refuses is reported, not thrown.
 */
async function attachPhotos(
  deps: EmailIntakeDeps,
  caseId: string,
  photos: CleanPhoto[],
): Promise<{ stored: string[]; refused: SkippedAttachment[] }> {
  if (photos.length === 0) return { stored: [], refused: [] };
  const existing = await deps.orm.em
    .fork()
    .execute<{ sha256: string }[]>('select sha256 from case_attachments where case_id = ?', [caseId]);
  const known = new Set(existing.map((r) => r.sha256));
  const fresh = photos.filter((p) => !known.has(createHash('sha256').update(p.bytes).digest('hex')));
  const room = Math.max(0, MAX_PHOTOS_PER_CASE - existing.length);
  const fitting = fresh.slice(0, room);
  const refused = fresh
    .slice(room)
    .map((p) => ({ fileName: p.fileName, reason: `sprawa ma już ${MAX_PHOTOS_PER_CASE} zdjęć` }));
  if (fitting.length === 0) return { stored: [], refused };
  try {
    const stored = await addCaseAttachments(deps.orm, { caseId, photos: fitting, createdBy: 'resident' });
    return { stored: stored.map((s) => s.fileName), refused };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    // The case closed or filled up in the meantime: the message still counts, without its photos.
    return {
      stored: [],
      refused: [
        ...fitting.map((p) => ({ fileName: p.fileName, reason: 'sprawa nie przyjmuje już zdjęć' })),
        ...refused,
      ],
    };
  }
}

/** Control characters out (a mail may carry any byte), line breaks and tabs kept. */
function cleanText(text: string): string {
  return text.replace(/(?![\n\t])\p{Cc}/gu, '').trim();
}

function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * The case description: the subject, the new part of the body and the attachments left out, at
 * most as long as the API allows. The body gives way first, so the subject and the list survive.
 */
export function caseDescription(subject: string, body: string, skipped: SkippedAttachment[]): string {
  const head = cleanText(subject);
  const tail = skipped.length
    ? `Pominięte załączniki: ${skipped.map((s) => `${s.fileName} (${s.reason})`).join('; ')}`
    : '';
  const fixed = [head, tail].filter(Boolean).join('\n\n').length + 4;
  const text = clip(cleanText(body), Math.max(200, MAX_DESCRIPTION_CHARS - fixed));
  const description = clip([head, text, tail].filter(Boolean).join('\n\n'), MAX_DESCRIPTION_CHARS);
  return description.length >= 3 ? description : '(wiadomość bez treści)';
}
