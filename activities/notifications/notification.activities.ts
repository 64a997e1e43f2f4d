import { createHash } from 'node:crypto';
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Config } from '../../config/config';
import { Case, CaseEventType, CaseFollower, Unit, User } from '../../db/entities';
import type { Orm } from '../../db/orm';
import { followerMail, isFollowerTemplate, unsubscribeUrl, type FollowerTemplate } from './follower-mail';
import { MailRejectedError, type MailMessage, type Mailer } from './mailer';
import {
  backOfficeCaseUrl,
  caseTrackingUrl,
  mailLanguage,
  residentMail,
  staffMail,
  type RenderedMail,
  type ResidentTemplate,
  type StaffTemplate,
} from './templates';

export type { ResidentTemplate, StaffTemplate } from './templates';

export interface NotifyResidentInput {
  caseId: string;
  /** Deterministic within the workflow: the same event never mails the same person twice. */
  eventKey: string;
  template: ResidentTemplate;
  note?: string | null;
  /** MERGED: the number of the case this one was merged into, when the read model does not show it yet. */
  parentNumber?: string | null;
}

export interface NotifyStaffInput {
  caseId: string;
  eventKey: string;
  template: StaffTemplate;
  /** SLA_ESCALATED: the escalation level reached. */
  level?: number;
}

export interface NotifyResult {
  sent: number;
  /** Already sent by an earlier attempt of the same event. */
  skipped: number;
  /** Refused for good by the mail server (a 5xx for that address); recorded FAILED, not retried. */
  failed: number;
}

export interface NotificationLogger {
  warn(message: string, meta?: Record<string, unknown>): void;
}

export interface NotificationDeps {
  orm: Orm;
  mailer: Mailer;
  config: Config;
  /** Defaults to the Temporal activity's logger, or the console when called outside an activity. */
  logger?: NotificationLogger;
}

interface Delivery {
  to: string;
  mail: RenderedMail;
  headers?: Record<string, string>;
}

const NOTHING_SENT: NotifyResult = { sent: 0, skipped: 0, failed: 0 };

function addResults(a: NotifyResult, b: NotifyResult): NotifyResult {
  return { sent: a.sent + b.sent, skipped: a.skipped + b.skipped, failed: a.failed + b.failed };
}

const activityLogger: NotificationLogger = {
  warn(message, meta) {
    let context: Context | null = null;
    try {
      context = Context.current();
    } catch {
      // Called as a plain function (scripts, tests): there is no activity context to log through.
    }
    if (context) context.log.warn(message, meta);
    else console.warn(message, meta ?? '');
  },
};

/** Recipients are compared and stored lower-cased, so `Anna@X.pl` and `anna@x.pl` get one mail. */
function normalizeAddress(address: string): string {
  return address.trim().toLowerCase();
}

/** The domain of MAIL_FROM (`Kontakt 19115 <kontakt@city.example>`), which Message-IDs are minted under. */
export function messageIdDomain(from: string): string {
  const match = /@([^\s<>@]+)\s*>?\s*$/.exec(from.trim());
  return match ? match[1].toLowerCase() : 'civicflow.local';
}

/**
 * Deterministic, so a mail sent again after a crash between the SMTP reply and the SENT mark
 * carries the same id and mail clients and the e-mail channel see one message. Event keys may
 * hold characters a Message-ID cannot (`:`, `/`, spaces): those are written as `=XX` bytes.
 */
export function notificationMessageId(input: {
  caseId: string;
  eventKey: string;
  recipient: string;
  from: string;
}): string {
  const key = Array.from(Buffer.from(input.eventKey, 'utf8'))
    .map((byte) => {
      const char = String.fromCharCode(byte);
      return /[A-Za-z0-9_-]/.test(char) ? char : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
  const hash = createHash('sha256').update(normalizeAddress(input.recipient)).digest('hex').slice(0, 16);
  return `<case-${input.caseId}-${key}-${hash}@${messageIdDomain(input.from)}>`;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The server answered (a 4xx): the connection works, so the other recipients are still worth trying. */
function serverAnswered(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { responseCode?: unknown }).responseCode === 'number'
  );
}

export function createNotificationActivities({
  orm,
  mailer,
  config,
  logger = activityLogger,
}: NotificationDeps) {
  const publicUrl = config.http.publicUrl;

  async function loadCase(caseId: string): Promise<Case> {
    const row = await orm.em.fork().findOne(Case, { id: caseId });
    if (!row) throw ApplicationFailure.nonRetryable(`case ${caseId} does not exist`, 'CASE_NOT_FOUND');
    return row;
  }

  /**
   * Sends each delivery once per (case, event, recipient). The row is claimed before the SMTP
   * exchange, so a crash leaves SENDING and the retry sends again with the same Message-ID.
   */
  async function deliver(input: {
    caseRow: Case;
    eventKey: string;
    template: string;
    deliveries: Delivery[];
  }): Promise<NotifyResult> {
    const { caseRow, eventKey, template } = input;
    const result: NotifyResult = { sent: 0, skipped: 0, failed: 0 };
    const retryable: { to: string; error: unknown }[] = [];
    const em = orm.em.fork();

    for (const delivery of input.deliveries) {
      const recipient = normalizeAddress(delivery.to);
      const messageId = notificationMessageId({ caseId: caseRow.id, eventKey, recipient, from: mailer.from });
      // A row already SENT is left alone and returns nothing: that is the idempotency check.
      const claimed = await em.execute<{ id: string }[]>(
        `insert into "notifications" ("case_id", "event_key", "recipient", "template", "status", "message_id")
         values (?, ?, ?, ?, 'SENDING', ?)
         on conflict ("case_id", "event_key", "recipient") do update
           set "status" = 'SENDING', "template" = excluded."template", "message_id" = excluded."message_id"
           where "notifications"."status" <> 'SENT'
         returning "id"`,
        [caseRow.id, eventKey, recipient, template, messageId],
      );
      if (claimed.length === 0) {
        result.skipped += 1;
        continue;
      }
      const id = claimed[0].id;

      const message: MailMessage = {
        to: delivery.to.trim(),
        subject: delivery.mail.subject,
        text: delivery.mail.text,
        html: delivery.mail.html,
        messageId,
        headers: {
          // Vacation responders and ticket systems must not answer a machine, or mail loops start.
          'Auto-Submitted': 'auto-generated',
          'X-Auto-Response-Suppress': 'All',
          'X-Civicflow-Case': caseRow.number,
          ...delivery.headers,
        },
      };
      try {
        await mailer.send(message);
        await em.execute(
          `update "notifications" set "status" = 'SENT', "sent_at" = now(), "error" = null where "id" = ?`,
          [id],
        );
        result.sent += 1;
      } catch (error) {
        await em.execute(`update "notifications" set "status" = 'FAILED', "error" = ? where "id" = ?`, [
          errorText(error),
          id,
        ]);
        if (error instanceof MailRejectedError) {
          // One bad address must not hold the case's other mails (or its workflow) hostage.
          logger.warn('notification refused by the mail server', {
            caseId: caseRow.id,
            eventKey,
            template,
            recipient,
            responseCode: error.responseCode,
            response: error.response,
          });
          result.failed += 1;
          continue;
        }
        retryable.push({ to: recipient, error });
        if (!serverAnswered(error)) break;
      }
    }

    if (retryable.length > 0) {
      // Thrown so Temporal retries the activity; rows already SENT are skipped on the next attempt.
      throw new Error(
        `could not send ${template} for case ${caseRow.number} (${eventKey}): ${retryable
          .map((r) => `${r.to}: ${errorText(r.error)}`)
          .join('; ')}`,
        { cause: retryable[0].error },
      );
    }
    return result;
  }

  /**
   * Residents following the case hear of its outcome in a mail of their own: only what the public
   * map shows, and a link to stop. An address that gets the reporter's mail gets no second one.
   */
  async function notifyFollowers(input: {
    caseRow: Case;
    eventKey: string;
    template: FollowerTemplate;
    parentNumber: string | null;
    alreadyMailed: ReadonlySet<string>;
  }): Promise<NotifyResult> {
    const { caseRow } = input;
    const em = orm.em.fork();
    const followers = await em.find(CaseFollower, { caseId: caseRow.id }, { orderBy: { id: 'asc' } });
    if (followers.length === 0) return NOTHING_SENT;
    const event = caseRow.eventCode ? await em.findOne(CaseEventType, { code: caseRow.eventCode }) : null;
    const seen = new Set(input.alreadyMailed);
    const deliveries: Delivery[] = [];
    for (const follower of followers) {
      const key = normalizeAddress(follower.email);
      if (seen.has(key)) continue;
      seen.add(key);
      const language = mailLanguage(follower.language);
      const unsubscribe = unsubscribeUrl(publicUrl, follower.unsubscribeToken);
      deliveries.push({
        to: follower.email,
        mail: followerMail({
          template: input.template,
          language,
          caseNumber: caseRow.number,
          eventName: event ? (language === 'en' ? event.nameEn : event.name) : null,
          street: caseRow.street ?? null,
          district: caseRow.district ?? null,
          parentNumber: input.parentNumber,
          publicUrl,
          unsubscribeUrl: unsubscribe,
        }),
        // RFC 8058: mail clients offer their own one-click "unsubscribe", which posts to the link.
        headers: {
          'List-Unsubscribe': `<${unsubscribe}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        },
      });
    }
    if (deliveries.length === 0) return NOTHING_SENT;
    return deliver({ caseRow, eventKey: input.eventKey, template: `FOLLOWER_${input.template}`, deliveries });
  }

  return {
    /**
     * Mails the resident of the case and the residents of the cases merged into it, each in the
     * language of their own case; a case with no e-mail address sends nothing to its resident.
     * Residents following the case get their own short mail when it reaches an outcome.
     */
    async notifyResident(input: NotifyResidentInput): Promise<NotifyResult> {
      const caseRow = await loadCase(input.caseId);
      const em = orm.em.fork();
      const merged = await em.find(
        Case,
        { duplicateOf: caseRow.id, status: 'MERGED', contactEmail: { $ne: null } },
        { orderBy: { createdAt: 'asc' } },
      );

      let trackedId = caseRow.id;
      let trackedNumber = caseRow.number;
      let parentNumber: string | null = null;
      if (input.template === 'MERGED') {
        // The resident follows the surviving case from now on, so the link is that case's.
        const parent = caseRow.duplicateOf
          ? await em.findOne(Case, { id: caseRow.duplicateOf })
          : input.parentNumber
            ? await em.findOne(Case, { number: input.parentNumber })
            : null;
        if (!parent) {
          throw ApplicationFailure.nonRetryable(
            `case ${caseRow.number} has no parent case to announce the merge with`,
            'CASE_NOT_FOUND',
          );
        }
        trackedId = parent.id;
        trackedNumber = parent.number;
        parentNumber = parent.number;
      }
      const trackingUrl = caseTrackingUrl({
        publicUrl,
        secret: config.secret,
        caseId: trackedId,
        caseNumber: trackedNumber,
      });

      const seen = new Set<string>();
      const deliveries: Delivery[] = [];
      for (const row of [caseRow, ...merged]) {
        if (!row.contactEmail?.trim()) continue;
        const key = normalizeAddress(row.contactEmail);
        if (seen.has(key)) continue;
        seen.add(key);
        deliveries.push({
          to: row.contactEmail,
          mail: residentMail({
            template: input.template,
            language: mailLanguage(row.language),
            caseNumber: caseRow.number,
            trackingUrl,
            note: input.note,
            parentNumber,
          }),
        });
      }
      const toResidents =
        deliveries.length === 0
          ? NOTHING_SENT
          : await deliver({ caseRow, eventKey: input.eventKey, template: input.template, deliveries });
      if (!isFollowerTemplate(input.template)) return toResidents;
      const toFollowers = await notifyFollowers({
        caseRow,
        eventKey: input.eventKey,
        template: input.template,
        parentNumber,
        alreadyMailed: seen,
      });
      return addResults(toResidents, toFollowers);
    },

    /**
     * Mails the staff who must act: the unit's people and mailbox when a case arrives, its
     * supervisors when a deadline nears, and the managers as well once it has passed. Staff mails
     * name the case, its event and district and link the back office; the resident's details stay there.
     */
    async notifyStaff(input: NotifyStaffInput): Promise<NotifyResult> {
      const caseRow = await loadCase(input.caseId);
      if (!caseRow.unitCode) return { sent: 0, skipped: 0, failed: 0 };
      const em = orm.em.fork();
      const unit = await em.findOne(Unit, { code: caseRow.unitCode });
      const event = caseRow.eventCode ? await em.findOne(CaseEventType, { code: caseRow.eventCode }) : null;

      const addresses: string[] = [];
      if (input.template === 'FORWARDED') {
        const staff = await em.find(
          User,
          { unitCode: caseRow.unitCode, active: true, email: { $ne: null } },
          { orderBy: { username: 'asc' } },
        );
        addresses.push(...staff.map((u) => u.email ?? ''));
        if (unit?.email) addresses.push(unit.email);
      } else {
        const supervisors = await em.find(
          User,
          { unitCode: caseRow.unitCode, isSupervisor: true, active: true, email: { $ne: null } },
          { orderBy: { username: 'asc' } },
        );
        addresses.push(...supervisors.map((u) => u.email ?? ''));
        if (input.template === 'SLA_BREACHED' || input.template === 'SLA_ESCALATED') {
          const managers = await em.find(
            User,
            { role: 'MANAGER', active: true, email: { $ne: null } },
            { orderBy: { username: 'asc' } },
          );
          addresses.push(...managers.map((u) => u.email ?? ''));
        }
      }

      const language = mailLanguage(caseRow.language);
      const en = language === 'en';
      const mail = staffMail({
        template: input.template,
        language,
        caseNumber: caseRow.number,
        kind: caseRow.kind,
        eventName: event ? (en ? event.nameEn : event.name) : null,
        district: caseRow.district,
        unitName: unit ? (en ? unit.nameEn : unit.name) : caseRow.unitCode,
        priority: caseRow.priority,
        firstResponseDueAt: caseRow.firstResponseDueAt,
        resolutionDueAt: caseRow.resolutionDueAt,
        level: input.level ?? (caseRow.escalationLevel > 0 ? caseRow.escalationLevel : null),
        backOfficeUrl: backOfficeCaseUrl({ publicUrl, caseId: caseRow.id }),
      });

      const seen = new Set<string>();
      const deliveries: Delivery[] = [];
      for (const address of addresses) {
        const key = normalizeAddress(address);
        if (!key || seen.has(key)) continue;
        seen.add(key);
        deliveries.push({ to: address, mail });
      }
      if (deliveries.length === 0) return { sent: 0, skipped: 0, failed: 0 };
      return deliver({ caseRow, eventKey: input.eventKey, template: input.template, deliveries });
    },
  };
}

export type NotificationActivities = ReturnType<typeof createNotificationActivities>;
