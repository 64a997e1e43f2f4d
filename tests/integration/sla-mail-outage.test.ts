import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { AddressObject } from 'mailparser';
import type { NotifyStaffInput } from '../../activities/notifications/notification.activities';
import { notificationMessageId } from '../../services/mail/message-ids';
import { caseWorkflowId } from '../../domain/cases/case-number';
import { caseStateQuery } from '../../workflows/case.messages';
import { freePort } from '../support/free-port';
import {
  caseIdOfNumber,
  decodedPayload,
  eventually,
  settledHistory,
  startTestApp,
  type TestApp,
} from '../support/integration';
import { startSmtpListener, type ParsedMail, type SmtpListener } from '../support/smtp-listener';

const MAIL_FROM = 'Kontakt 19115 <kontakt@19115.test>';

function recipientOf(mail: ParsedMail): string {
  const field: AddressObject | AddressObject[] | undefined = mail.to;
  const list = field ? (Array.isArray(field) ? field : [field]) : [];
  return (list[0]?.value[0]?.address ?? '').toLowerCase();
}

interface EscalationUnit {
  unitCode: string;
  eventCode: string;
  /** Supervisors in the order they are mailed (by username). */
  supervisors: string[];
  staff: string;
  manager: string;
  unitMailbox: string;
}

/**
 * A unit of its own with supervisors, a clerk and a manager who have e-mail addresses, and an
 * event routed to it under an SLA policy of seconds: warned three seconds after routing, breached
 * at six, escalated again at nine. Supervisors are mailed in username order, so `names` decides it.
 */
async function seedEscalationUnit(fixture: TestApp, names: string[]): Promise<EscalationUnit> {
  const tag = randomUUID().slice(0, 8);
  const unitCode = `SLAM-${tag}`;
  const eventCode = `SLAMAIL_${tag.toUpperCase()}`;
  const address = (name: string) => `${name}-${tag}@city.test`;
  const unit: EscalationUnit = {
    unitCode,
    eventCode,
    supervisors: names.map(address),
    staff: address('staff'),
    manager: address('manager'),
    unitMailbox: address('unit'),
  };
  const db = fixture.orm.em.fork();
  await db.execute(`insert into units (code, name, name_en, email) values (?, ?, ?, ?)`, [
    unitCode,
    'Zarząd Terminów',
    'Deadline Authority',
    unit.unitMailbox,
  ]);
  const users: [string, string, string | null, boolean, string][] = [
    // username, role, unit, supervisor, email
    ...names.map((name, i): [string, string, string, boolean, string] => [
      `slam-${tag}-${i}${name}`,
      'UNIT_STAFF',
      unitCode,
      true,
      address(name),
    ]),
    [`slam-${tag}-staff`, 'UNIT_STAFF', unitCode, false, unit.staff],
    [`slam-${tag}-manager`, 'MANAGER', null, false, unit.manager],
  ];
  for (const [username, role, unitOf, supervisor, email] of users) {
    await db.execute(
      `insert into users (id, username, display_name, role, unit_code, is_supervisor, email, password_hash)
       values (?, ?, ?, ?, ?, ?, ?, 'not-a-hash')`,
      [randomUUID(), username, username, role, unitOf, supervisor, email],
    );
  }
  await db.execute(
    `insert into taxonomy_events (code, subcategory, name, name_en, default_unit, priority, resolution_hours)
     values (?, 'ORDER', 'Próba eskalacji', 'Escalation probe', ?, 'normal', 1)`,
    [eventCode, unitCode],
  );
  await db.execute(`insert into routing_rules (event_code, unit_code) values (?, ?)`, [eventCode, unitCode]);
  await db.execute(
    `insert into sla_policies (name, event_code, first_response_minutes, resolution_minutes, calendar,
       warn_at_percent, escalation_percents) values ('Mail outage probe', ?, 0.05, 0.1, 'ALWAYS', 50, '[100, 150]')`,
    [eventCode],
  );
  return unit;
}

interface Filed {
  id: string;
  number: string;
  handle: WorkflowHandle;
}

async function fileCase(fixture: TestApp, unit: EscalationUnit): Promise<Filed> {
  const filed = await fixture.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    payload: {
      kind: 'INCIDENT',
      eventCode: unit.eventCode,
      description: 'Zgłoszenie bez poczty',
      district: 'Wola',
    },
  });
  expect(filed.statusCode).toBe(201);
  const { number } = filed.json<{ number: string }>();
  const id = await caseIdOfNumber(fixture.orm, number);
  return { id, number, handle: fixture.temporal.workflow.getHandle(caseWorkflowId(id)) };
}

async function readModel(fixture: TestApp, id: string) {
  const [row] = await fixture.orm.em
    .fork()
    .getConnection()
    .execute<{ status: string; sla_state: string | null; escalation_level: number }[]>(
      'select status, sla_state, escalation_level from cases where id = ?',
      [id],
    );
  return row;
}

/** The second escalation reached in the read model, which the workflow projects at each step. */
async function escalatedTwice(fixture: TestApp, filed: Filed): Promise<void> {
  await eventually(
    async () => {
      const row = await readModel(fixture, filed.id);
      return row.sla_state === 'BREACHED' && row.escalation_level === 2;
    },
    { timeoutMs: 60_000, what: `${filed.number} escalated twice` },
  );
}

/**
 * Every staff mail the case's routing and escalation events owe, with the Message-ID it must
 * carry: the unit's people and mailbox for the routing, its supervisors for the warning, and the
 * managers as well for the breach and the escalation.
 */
async function owedMails(
  fixture: TestApp,
  filed: Filed,
  unit: EscalationUnit,
): Promise<{ recipient: string; messageId: string }[]> {
  const connection = fixture.orm.em.fork().getConnection();
  const managers = (
    await connection.execute<{ email: string }[]>(
      `select lower(email) as email from users where role = 'MANAGER' and active and email is not null`,
    )
  ).map((row) => row.email);
  expect(managers).toContain(unit.manager);
  const events = await connection.execute<{ event_key: string; type: string }[]>(
    `select event_key, type from case_events where case_id = ?
       and type in ('ROUTED', 'SLA_AT_RISK', 'SLA_BREACHED', 'SLA_ESCALATED') order by created_at`,
    [filed.id],
  );
  expect(events.map((e) => e.type)).toEqual(['ROUTED', 'SLA_AT_RISK', 'SLA_BREACHED', 'SLA_ESCALATED']);
  const recipientsOf: Record<string, string[]> = {
    ROUTED: [...unit.supervisors, unit.staff, unit.unitMailbox],
    SLA_AT_RISK: unit.supervisors,
    SLA_BREACHED: [...unit.supervisors, ...managers],
    SLA_ESCALATED: [...unit.supervisors, ...managers],
  };
  return events.flatMap((event) =>
    recipientsOf[event.type].map((recipient) => ({
      recipient,
      messageId: notificationMessageId({
        caseId: filed.id,
        eventKey: event.event_key,
        recipient,
        from: MAIL_FROM,
      }),
    })),
  );
}

function mailsOf(relay: SmtpListener, filed: Filed): { recipient: string; messageId: string }[] {
  return relay.messages
    .filter((mail) => mail.headers.get('x-civicflow-case') === filed.number)
    .map((mail) => ({ recipient: recipientOf(mail), messageId: String(mail.messageId) }))
    .sort((a, b) => a.messageId.localeCompare(b.messageId));
}

const byMessageId = (mails: { recipient: string; messageId: string }[]) =>
  [...mails].sort((a, b) => a.messageId.localeCompare(b.messageId));

async function notificationRows(fixture: TestApp, filed: Filed) {
  return fixture.orm.em
    .fork()
    .getConnection()
    .execute<{ recipient: string; template: string; status: string; error: string | null }[]>(
      `select recipient, template, status, error from notifications where case_id = ? order by id`,
      [filed.id],
    );
}

/**
 * The city's mail relay down while a case's SLA warning and breach fall due: the SLA clock and the
 * escalation ladder move on without the mail, the staff mails keep being retried, and once the
 * relay is back every supervisor and manager gets each mail once (one Message-ID), including a
 * mailbox the relay turns away for a while (451) after the others of the same mail were delivered.
 * An address the relay refuses for good (550) does not hold the others back.
 *
 * The relay is a real SMTP server that is not listening yet, then listens on the same port.
 */
describe('the mail relay down while a case escalates', () => {
  let port: number;
  let fixture: TestApp;
  let relay: SmtpListener | undefined;
  let unit: EscalationUnit;
  /** RCPT TO commands the relay received, per address: how often each recipient was tried. */
  const rcpts = new Map<string, number>();
  let busyRefused = true;

  beforeAll(async () => {
    port = await freePort();
    fixture = await startTestApp({
      worker: true,
      config: { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM },
    });
    // The busy supervisor is mailed first, so the others of each mail go after its refusal.
    unit = await seedEscalationUnit(fixture, ['busy', 'chief', 'bounced']);
  });
  afterAll(async () => {
    await fixture?.close();
    await relay?.close();
  });

  it('escalates without the relay and delivers every staff mail once when it is back', async () => {
    const [busy, chief, bounced] = unit.supervisors;
    const filed = await fileCase(fixture, unit);
    const { handle } = filed;

    // The ladder is climbed with no mail delivered: the workflow and the read model both show it.
    await escalatedTwice(fixture, filed);
    expect(await handle.query(caseStateQuery)).toMatchObject({
      status: 'FORWARDED',
      slaState: 'BREACHED',
      escalationLevel: 2,
    });
    expect(await readModel(fixture, filed.id)).toMatchObject({ status: 'FORWARDED', sla_state: 'BREACHED' });

    // Which staff mail each pending activity is, from the input it was scheduled with.
    const templateOf = new Map<string, string>();
    const retried = await eventually(
      async () => {
        for (const event of (await handle.fetchHistory()).events ?? []) {
          const attributes = event.activityTaskScheduledEventAttributes;
          if (attributes?.activityType?.name !== 'notifyStaff' || !attributes.activityId) continue;
          const input = await decodedPayload<NotifyStaffInput>(
            fixture.temporal,
            attributes.input!.payloads![0],
          );
          templateOf.set(attributes.activityId, input.template);
        }
        const { raw } = await handle.describe();
        const staffMails = (raw.pendingActivities ?? []).filter(
          (a) => a.activityType?.name === 'notifyStaff',
        );
        const templates = staffMails.map((a) => templateOf.get(a.activityId ?? '')).sort();
        return templates.join() === 'FORWARDED,SLA_BREACHED,SLA_ESCALATED,SLA_WARNING' &&
          staffMails.every((a) => (a.attempt ?? 0) >= 2 && a.lastFailure)
          ? staffMails
          : null;
      },
      { timeoutMs: 60_000, what: 'every staff mail failed and retried' },
    );
    const attemptsWhileDown = Object.fromEntries(
      retried.map((a) => [templateOf.get(a.activityId!)!, a.attempt ?? 0]),
    );
    expect(relay).toBeUndefined();

    // Each staff mail may retry for a day, attempts at most 15 minutes apart.
    const seconds = (duration: { seconds?: unknown } | null | undefined) => Number(duration?.seconds ?? 0);
    const policies = ((await handle.fetchHistory()).events ?? [])
      .map((event) => event.activityTaskScheduledEventAttributes)
      .filter((attributes) => attributes?.activityType?.name === 'notifyStaff');
    expect(policies).toHaveLength(4);
    for (const attributes of policies) {
      expect(seconds(attributes!.scheduleToCloseTimeout)).toBeGreaterThanOrEqual(3600);
      expect(attributes!.retryPolicy?.maximumAttempts ?? 0).toBe(0);
      expect(seconds(attributes!.retryPolicy?.maximumInterval)).toBeLessThanOrEqual(15 * 60);
    }

    // The relay comes back on its port, with one supervisor's mailbox busy for a while (451) and
    // one that does not exist (550).
    relay = await startSmtpListener({
      port,
      refuseRecipient: (to) => {
        const key = to.toLowerCase();
        rcpts.set(key, (rcpts.get(key) ?? 0) + 1);
        if (key === bounced) return 550;
        if (key === busy && busyRefused) return 451;
        return null;
      },
    });
    const owed = await owedMails(fixture, filed, unit);
    const deliverable = owed.filter((mail) => mail.recipient !== bounced);

    // Part-way: each staff mail reached everyone but the busy mailbox, and is retried for it alone.
    await eventually(
      async () => {
        const received = new Set(mailsOf(relay!, filed).map((mail) => mail.messageId));
        return deliverable.every((mail) => mail.recipient === busy || received.has(mail.messageId));
      },
      { timeoutMs: 90_000, what: 'the staff mails to the reachable mailboxes' },
    );
    await eventually(
      async () => {
        const rows = (await notificationRows(fixture, filed)).filter((row) => row.recipient === busy);
        return (
          rows.length === 4 && rows.every((row) => row.status === 'FAILED' && /451/.test(row.error ?? ''))
        );
      },
      { timeoutMs: 60_000, what: 'the busy mailbox refused once for every staff mail' },
    );
    const beforeBusyAccepts = mailsOf(relay, filed);
    expect(beforeBusyAccepts.some((mail) => mail.recipient === busy)).toBe(false);
    busyRefused = false;

    await eventually(
      async () => mailsOf(relay!, filed).filter((mail) => mail.recipient === busy).length >= 4,
      {
        timeoutMs: 90_000,
        what: 'every staff mail to the busy mailbox',
      },
    );
    const history = await settledHistory(handle, { timeoutMs: 60_000 });

    // Exactly once each, to the right person, and nothing else for the case: the mails delivered
    // before the busy mailbox's retry were not sent again.
    const received = mailsOf(relay, filed);
    expect(received).toEqual(byMessageId(deliverable));
    expect(received.filter((mail) => mail.recipient === chief)).toHaveLength(4);
    expect(received.filter((mail) => mail.recipient === unit.manager)).toHaveLength(2);

    // The refused address: no mail, each of its four mails recorded FAILED with the 550; the
    // activities still completed, none failed for good.
    const rows = await notificationRows(fixture, filed);
    expect(rows).toHaveLength(owed.length);
    const toBounced = rows.filter((row) => row.recipient === bounced);
    expect(toBounced.map((row) => row.status)).toEqual(['FAILED', 'FAILED', 'FAILED', 'FAILED']);
    expect(toBounced.every((row) => /550/.test(row.error ?? ''))).toBe(true);
    expect(rows.filter((row) => row.recipient !== bounced).every((row) => row.status === 'SENT')).toBe(true);
    expect(history.some((event) => event.activityTaskFailedEventAttributes)).toBe(false);

    // The attempt each staff mail completed at: failed while the relay was down, part-way once it
    // was back (the busy mailbox), then done.
    const scheduledIds = new Map(
      history
        .filter((event) => event.activityTaskScheduledEventAttributes?.activityType?.name === 'notifyStaff')
        .map((event) => [String(event.eventId), event.activityTaskScheduledEventAttributes!.activityId!]),
    );
    const completedAt = Object.fromEntries(
      history
        .map((event) => event.activityTaskStartedEventAttributes)
        .filter((started) => scheduledIds.has(String(started?.scheduledEventId)))
        .map((started) => [
          templateOf.get(scheduledIds.get(String(started!.scheduledEventId))!)!,
          started!.attempt ?? 0,
        ]),
    );
    expect(Object.keys(completedAt).sort()).toEqual([
      'FORWARDED',
      'SLA_BREACHED',
      'SLA_ESCALATED',
      'SLA_WARNING',
    ]);
    for (const [template, attempt] of Object.entries(completedAt)) {
      expect({ template, attempt: attempt >= attemptsWhileDown[template] + 1 }).toEqual({
        template,
        attempt: true,
      });
    }
    // The relay was asked once per mail for every mailbox that took it at once: nothing delivered
    // was offered again when the busy mailbox's share was retried.
    expect([chief, unit.manager, unit.staff, unit.unitMailbox].map((to) => rcpts.get(to))).toEqual([
      4, 2, 1, 1,
    ]);
  }, 300_000);
});

/**
 * A case past its history limit continues as new only once nothing runs beside it, so its mails
 * are not cut off. With the relay down that can take a day: the SLA clock must not wait for it.
 */
describe('the mail relay down while a case past its history limit escalates', () => {
  let port: number;
  let fixture: TestApp;
  let relay: SmtpListener | undefined;
  let unit: EscalationUnit;

  beforeAll(async () => {
    port = await freePort();
    fixture = await startTestApp({
      worker: true,
      // The intake alone is past 20 events: the case wants to continue as new at its first deadline.
      config: { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM, WORKFLOW_HISTORY_LIMIT: '20' },
    });
    unit = await seedEscalationUnit(fixture, ['chief']);
  });
  afterAll(async () => {
    await fixture?.close();
    await relay?.close();
  });

  it('escalates while its mails wait, and continues as new once they are delivered', async () => {
    const filed = await fileCase(fixture, unit);
    const { handle } = filed;
    const firstRun = (await handle.describe()).runId;

    await escalatedTwice(fixture, filed);
    expect(await handle.query(caseStateQuery)).toMatchObject({ slaState: 'BREACHED', escalationLevel: 2 });
    // Still the first run: its staff mails are pending, carried by nothing if it continued as new.
    const described = await handle.describe();
    expect(described.runId).toBe(firstRun);
    const pending = (described.raw.pendingActivities ?? []).filter(
      (a) => a.activityType?.name === 'notifyStaff',
    );
    expect(pending).toHaveLength(4);

    relay = await startSmtpListener({ port });
    const owed = await owedMails(fixture, filed, unit);
    await eventually(async () => mailsOf(relay!, filed).length >= owed.length, {
      timeoutMs: 90_000,
      what: 'every staff mail',
    });
    const nextRun = await eventually(
      async () => {
        const now = await handle.describe();
        return now.runId !== firstRun && now;
      },
      { timeoutMs: 30_000, what: 'a new run' },
    );
    expect(nextRun.status.name).toBe('RUNNING');
    expect(
      (await fixture.temporal.workflow.getHandle(handle.workflowId, firstRun).describe()).status.name,
    ).toBe('CONTINUED_AS_NEW');
    expect(await handle.query(caseStateQuery)).toMatchObject({
      status: 'FORWARDED',
      slaState: 'BREACHED',
      escalationLevel: 2,
    });
    expect(mailsOf(relay, filed)).toEqual(byMessageId(owed));
    expect((await notificationRows(fixture, filed)).every((row) => row.status === 'SENT')).toBe(true);
  }, 240_000);
});
