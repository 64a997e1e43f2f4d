import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from '../config/config';
import type { Orm } from '../db/orm';
import { removeAttachmentFiles } from '../services/attachments/attachment-store';
import { FINAL_STATUSES } from '../domain/cases/case-states';

export interface RetentionPolicy {
  /** Raw inbound mail is deleted this many days after it was processed. */
  rawMailDays: number;
  /** Personal data of cases closed (cancelled, merged) this many months ago is removed. */
  closedCaseMonths: number;
}

export interface RetentionReport {
  dryRun: boolean;
  /** Processed inbound mails deleted (with the mails of the cases anonymised). */
  rawMails: number;
  cases: number;
  /** Chats anonymised: those of the cases, and those that ended without one. */
  chats: number;
}

/** What an anonymised case's description and texts become. */
export const ANONYMISED_TEXT = '[usunięto: retencja danych]';

/**
 * Keys of case event payloads that carry a resident's words or contact data (a chat transcript's
 * messages, an answer given during a call): the rest of a payload (unit, kind, reason codes) stays.
 */
const PERSONAL_PAYLOAD_KEYS = [
  'messages',
  'answeredOnIntake',
  'text',
  'note',
  'message',
  'comment',
  'description',
  'contact',
  'caller',
  'name',
  'email',
  'phone',
];

const BATCH = 200;

const RAW_MAIL_DUE = `status <> 'RECEIVED' and processed_at < now() - make_interval(days => ?)`;
const CASE_DUE = `anonymised_at is null and closed_at < now() - make_interval(months => ?)
  and status in (${FINAL_STATUSES.map(() => '?').join(', ')})`;
const CASELESS_CHAT_DUE = `anonymised_at is null and case_id is null
  and status in ('CLOSED', 'LEFT_MESSAGE') and closed_at < now() - make_interval(months => ?)`;

/**
 * Applies the retention policy once: deletes raw mail processed long ago, and removes the personal
 * data of cases closed long ago (contact data, description, building number, notes and residents'
 * messages in the timeline, photos, followers, rating comments, the mails and chats they came
 * from, the confirmation of a contact address no other case names), rounding their position to about 100 m. What statistics and open data read stays: kind,
 * event, unit, district, street, status, dates, SLA figures, ratings' scores. Works in small
 * transactions, each marking what it finished, so a run cut short is completed by the next.
 * With `dryRun` it only counts.
 */
export async function applyRetention(
  orm: Orm,
  policy: RetentionPolicy,
  /** attachmentsDir: where the photos' files are (config.attachmentsDir), deleted with their rows. */
  options: { attachmentsDir: string; dryRun?: boolean },
): Promise<RetentionReport> {
  const em = orm.em.fork();
  if (options.dryRun) {
    const dueCases = [policy.closedCaseMonths, ...FINAL_STATUSES];
    // Counted as the run below removes them: the mails and chats of the cases go with the cases.
    const [counts] = await em.execute<{ raw_mails: number; cases: number; chats: number }[]>(
      `with due_cases as (select id from cases where ${CASE_DUE})
       select (select count(*) from inbound_emails
                where ${RAW_MAIL_DUE} or case_id in (select id from due_cases))::int as raw_mails,
              (select count(*) from due_cases)::int as cases,
              (select count(*) from chat_sessions
                where (${CASELESS_CHAT_DUE})
                   or (anonymised_at is null and case_id in (select id from due_cases)))::int as chats`,
      [...dueCases, policy.rawMailDays, policy.closedCaseMonths],
    );
    return { dryRun: true, rawMails: counts.raw_mails, cases: counts.cases, chats: counts.chats };
  }

  const report: RetentionReport = { dryRun: false, rawMails: 0, cases: 0, chats: 0 };
  for (;;) {
    const deleted = await em.execute<{ id: string }[]>(
      `delete from inbound_emails where id in (
         select id from inbound_emails where ${RAW_MAIL_DUE} limit ? for update skip locked)
       returning id`,
      [policy.rawMailDays, BATCH],
    );
    report.rawMails += deleted.length;
    if (deleted.length < BATCH) break;
  }
  for (;;) {
    const done = await em.transactional(async (tx) => {
      const rows = await tx.execute<{ id: string }[]>(
        `select id from cases where ${CASE_DUE} order by closed_at limit ? for update skip locked`,
        [policy.closedCaseMonths, ...FINAL_STATUSES, BATCH],
      );
      if (rows.length === 0) return { cases: 0, chats: 0, rawMails: 0, photos: [] };
      return {
        cases: rows.length,
        ...(await anonymiseCases(
          tx,
          rows.map((r) => r.id),
        )),
      };
    });
    // Once the rows are gone for good: a batch rolled back keeps its photos. A crash right here
    // leaves files no row names (found by comparing the folder with the table), never the reverse.
    await removeAttachmentFiles(options.attachmentsDir, done.photos);
    report.cases += done.cases;
    report.chats += done.chats;
    report.rawMails += done.rawMails;
    if (done.cases < BATCH) break;
  }
  for (;;) {
    const chats = await em.transactional(async (tx) => {
      const rows = await tx.execute<{ id: string }[]>(
        `select id from chat_sessions where ${CASELESS_CHAT_DUE} limit ? for update skip locked`,
        [policy.closedCaseMonths, BATCH],
      );
      if (rows.length > 0)
        await anonymiseChats(
          tx,
          rows.map((r) => r.id),
        );
      return rows.length;
    });
    report.chats += chats;
    if (chats < BATCH) break;
  }
  return report;
}

async function anonymiseCases(
  tx: EntityManager,
  ids: string[],
): Promise<{ chats: number; rawMails: number; photos: string[] }> {
  const addresses = await tx.execute<{ email: string }[]>(
    'select distinct lower(contact_email) as email from cases where id in (?) and contact_email is not null',
    [ids],
  );
  await tx.execute(
    `update cases set contact_name = null, contact_email = null, contact_phone = null,
       description = ?, building = null,
       lat = round(lat::numeric, 3)::double precision, lon = round(lon::numeric, 3)::double precision,
       anonymised_at = now()
     where id in (?)`,
    [ANONYMISED_TEXT, ids],
  );
  await tx.execute(
    `update case_events set note = case when note is null then null else ? end,
       payload = payload - ?::text[]
     where case_id in (?)`,
    [ANONYMISED_TEXT, `{${PERSONAL_PAYLOAD_KEYS.join(',')}}`, ids],
  );
  await tx.execute('update case_ratings set comment = null where case_id in (?)', [ids]);
  await tx.execute(`update open311_requests set media_url = null, attributes = '{}' where case_id in (?)`, [
    ids,
  ]);
  // Photos, followers' addresses, the record of mails sent to the resident, and clerks'
  // corrections (which keep the description's text to train the classifier) go entirely.
  const photos = await tx.execute<{ id: string }[]>(
    'delete from case_attachments where case_id in (?) returning id',
    [ids],
  );
  for (const table of ['case_followers', 'notifications', 'classification_corrections']) {
    await tx.execute(`delete from ${table} where case_id in (?)`, [ids]);
  }
  // A confirmed address is kept only while a case still names it as its contact.
  if (addresses.length > 0) {
    await tx.execute(
      `delete from contact_confirmations c where c.email in (?)
       and not exists (select 1 from cases where lower(contact_email) = c.email)`,
      [addresses.map((a) => a.email)],
    );
  }
  const mails = await tx.execute<{ id: string }[]>(
    'delete from inbound_emails where case_id in (?) returning id',
    [ids],
  );
  const chats = await tx.execute<{ id: string }[]>(
    'select id from chat_sessions where case_id in (?) and anonymised_at is null',
    [ids],
  );
  if (chats.length > 0)
    await anonymiseChats(
      tx,
      chats.map((c) => c.id),
    );
  return { chats: chats.length, rawMails: mails.length, photos: photos.map((p) => p.id) };
}

async function anonymiseChats(tx: EntityManager, ids: string[]): Promise<void> {
  await tx.execute('delete from chat_messages where session_id in (?)', [ids]);
  await tx.execute(
    `update chat_sessions set resident_name = null, resident_email = null, anonymised_at = now()
     where id in (?)`,
    [ids],
  );
}

export function describeRetention(report: RetentionReport, policy: RetentionPolicy): string {
  const verb = report.dryRun ? 'would delete' : 'deleted';
  const anonymise = report.dryRun ? 'would anonymise' : 'anonymised';
  return (
    `retention: ${verb} ${report.rawMails} raw inbound mail(s) processed over ${policy.rawMailDays} days ago; ` +
    `${anonymise} ${report.cases} case(s) closed over ${policy.closedCaseMonths} months ago ` +
    `and ${report.chats} chat(s)`
  );
}

/**
 * Runs the retention policy in the worker at start and then every `intervalMs` (an hour), as the
 * reconciler of unstarted cases runs: any number of workers may run it, each batch locks its rows.
 */
export function startRetentionSchedule(options: {
  orm: Orm;
  config: Config;
  log: (line: string) => void;
  intervalMs?: number;
}): { stop(): void } {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const report = await applyRetention(options.orm, options.config.retention, {
        attachmentsDir: options.config.attachmentsDir,
      });
      if (report.rawMails + report.cases + report.chats > 0) {
        options.log(describeRetention(report, options.config.retention));
      }
    } catch (error) {
      options.log(`retention: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      running = false;
    }
  };
  void run();
  const timer = setInterval(() => void run(), options.intervalMs ?? 60 * 60_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
