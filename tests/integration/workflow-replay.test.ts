import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import type { temporal } from '@temporalio/proto';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../api/app';
import type { Orm } from '../../db/orm';
import { bookingWorkflowId } from '../../domain/bookings/booking-reference';
import { caseNumberToSlug, caseWorkflowId } from '../../domain/cases/case-number';
import { createTemporalClient } from '../../services/temporal/temporal-client';
import { temporalDataConverter } from '../../services/temporal/temporal-payload-encryption';
import { locateTemporalCli } from '../../scripts/services/temporal-cli';
import {
  caseIdOfNumber,
  eventually,
  integrationConfig,
  integrationOrm,
  startTestApp,
  startTestWorker,
} from '../support/integration';
import { installQuietRuntime } from '../support/quiet-runtime';
import { startSmtpListener } from '../support/smtp-listener';
import type { Config } from '../../config/config';
import { readTestServices } from '../support/test-services';

const HISTORIES = path.join(__dirname, '..', 'fixtures', 'workflow-histories');

/**
 * Histories as the Temporal CLI writes them (proto3 JSON). historyFromJSON needs one copy of
 * protobufjs in the tree: package.json's overrides keep gRPC's proto-loader on the SDK's version.
 */
function recordedHistories(): { name: string; history: temporal.api.history.v1.IHistory }[] {
  return fs
    .readdirSync(HISTORIES)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({
      name: file,
      history: historyFromJSON(JSON.parse(fs.readFileSync(path.join(HISTORIES, file), 'utf8'))),
    }));
}

/** Writes a finished workflow's history as a fixture, in the proto3 JSON the Temporal CLI prints. */
async function writeHistory(
  config: Config,
  workflowId: string,
  story: string,
  kind: 'case' | 'booking',
): Promise<void> {
  // The CLI writes the proto3 JSON that historyFromJSON reads (protobufjs does not survive jest's sandbox).
  const source = await locateTemporalCli({
    cliPath: config.temporal.cliPath,
    cacheDir: config.temporal.cacheDir,
    build: false,
  });
  if (source.kind !== 'path') throw new Error('recording needs the temporal CLI');
  const json = execFileSync(source.path, [
    'workflow',
    'show',
    '--workflow-id',
    workflowId,
    '--namespace',
    config.temporal.namespace,
    '--address',
    config.temporal.address!,
    '--output',
    'json',
  ]).toString();
  fs.writeFileSync(
    path.join(HISTORIES, `${kind}-${new Date().toISOString().slice(0, 10)}-${story}.json`),
    json,
  );
}

/**
 * Running cases live for weeks: the workflow code must replay every recorded history of earlier
 * versions exactly. A change that would break running cases fails here; guard it with patched().
 * `RECORD_WORKFLOW_HISTORIES=1 npx jest workflow-replay` records the current behaviour as a new fixture.
 */
describe('workflow histories (cases, bookings) recorded from earlier versions', () => {
  beforeAll(() => installQuietRuntime());

  it('has recorded histories of both workflows to check', () => {
    const names = recordedHistories().map((h) => h.name);
    expect(names.some((name) => name.startsWith('case-'))).toBe(true);
    expect(names.some((name) => name.startsWith('booking-'))).toBe(true);
  });

  it('replays every recorded history with the current workflow code', async () => {
    const { workflowBundlePath } = readTestServices();
    // Histories recorded since payloads are encrypted need the recording's keys (APP_SECRET's, in tests).
    const dataConverter = temporalDataConverter(integrationConfig());
    for (const { name, history } of recordedHistories()) {
      await expect(
        Worker.runReplayHistory(
          { workflowBundle: { code: fs.readFileSync(workflowBundlePath, 'utf8') }, dataConverter },
          history,
          name,
        ),
      ).resolves.toBeUndefined();
    }
  });

  it('fails the replay for a change that would break running cases', async () => {
    const changed = await bundleWorkflowCode({
      workflowsPath: path.join(__dirname, '..', 'fixtures', 'changed-case-workflow.ts'),
      logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} },
    });
    // The changed fixture is the case workflow: one of its histories must refuse it.
    const { name, history } = recordedHistories().find((h) => h.name.startsWith('case-'))!;
    await expect(Worker.runReplayHistory({ workflowBundle: changed }, history, name)).rejects.toThrow(
      /[Nn]ondetermin/,
    );
  });

  const record = process.env.RECORD_WORKFLOW_HISTORIES === '1' ? it : it.skip;
  record('records the history of a case that went through its main paths', async () => {
    const config = integrationConfig({ CASE_REOPEN_WINDOW_MINUTES: '0.05' });
    const orm: Orm = integrationOrm(config);
    const temporal = createTemporalClient(config);
    const app: FastifyInstance = await buildApp(config, { orm, temporal });
    const worker = await startTestWorker(config, orm);
    try {
      const created = await app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        payload: {
          kind: 'INCIDENT',
          eventCode: 'ABANDONED_CAR',
          description: 'Wrak przy Kasprzaka',
          district: 'Wola',
        },
      });
      const filed = created.json<{ number: string; trackingToken: string }>();
      const handle = temporal.workflow.getHandle(caseWorkflowId(await caseIdOfNumber(orm, filed.number)));
      const unit = { id: 'sm', name: 'SM', role: 'UNIT_STAFF' as const, unitCode: 'SM' };
      await eventually(async () => (await handle.query('caseStateQuery')) as { status: string } | null, {});
      await eventually(
        async () => ((await handle.query('caseStateQuery')) as { status: string }).status === 'FORWARDED',
      );
      await handle.executeUpdate('caseActionUpdate', {
        args: [{ action: 'accept', actor: unit, input: {} }],
      });
      await handle.executeUpdate('caseActionUpdate', {
        args: [{ action: 'request-info', actor: unit, input: { note: 'Numer rejestracyjny?' } }],
      });
      await app.inject({
        method: 'POST',
        url: `/api/v1/cases/${caseNumberToSlug(filed.number)}/messages?token=${filed.trackingToken}`,
        payload: { message: 'WE 12345' },
      });
      await eventually(
        async () => ((await handle.query('caseStateQuery')) as { status: string }).status === 'IN_PROGRESS',
      );
      await handle.executeUpdate('caseActionUpdate', {
        args: [{ action: 'resolve', actor: unit, input: { note: 'Odholowano' } }],
      });
      await handle.result();
      await writeHistory(config, handle.workflowId, 'accept-info-resolve-close', 'case');
    } finally {
      await worker.stop();
      await app.close();
      await temporal.connection.close();
      await orm.close();
    }
  });
  record('records the history of a booking held, confirmed, moved and cancelled', async () => {
    // The workflow mails the resident at each step: a real listener takes the mail.
    const smtp = await startSmtpListener();
    const t = await startTestApp({
      worker: true,
      demoUsers: true,
      config: { BOOKING_HOLD_SECONDS: '60', SMTP_URL: smtp.url },
    });
    try {
      const admin = { authorization: await t.authorization('admin') };
      const tag = randomUUID().slice(0, 8).toUpperCase();
      const service = await t.app.inject({
        method: 'POST',
        url: '/api/booking-services',
        headers: admin,
        payload: {
          code: `REPLAY_${tag}`,
          namePl: `Wizyta ${tag}`,
          nameEn: `Visit ${tag}`,
          durationMinutes: 15,
        },
      });
      const office = await t.app.inject({
        method: 'POST',
        url: '/api/booking-offices',
        headers: admin,
        payload: {
          code: `REPLAY-${tag}`,
          name: `Urząd Dzielnicy Wola – Wydział ${tag}`,
          address: 'al. Solidarności 90, 01-003 Warszawa',
          district: 'Wola',
          openingHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' })),
          observesPublicHolidays: false,
          services: [{ serviceId: service.json().id, desks: 1 }],
        },
      });
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(new Date());
      const slots = await t.app.inject(
        `/api/v1/bookings/slots?service=${service.json().code}&office=${office.json().id}&from=${today}&to=${today}`,
      );
      // Slots an hour or more ahead: nothing of the visit itself happens while recording.
      const [first, , second] = slots
        .json<{ start: string }[]>()
        .filter((slot) => Date.parse(slot.start) > Date.now() + 3_600_000);
      const held = await t.app.inject({
        method: 'POST',
        url: '/api/v1/bookings',
        headers: { 'idempotency-key': `replay-${tag}` },
        payload: {
          service: service.json().code,
          officeId: office.json().id,
          slotStart: first.start,
          contact: { name: 'Anna Kowalska', email: 'anna@example.test' },
          confirm: false,
        },
      });
      const booking = held.json<{ id: string; reference: string; token: string }>();
      const at = (action: string) => `/api/v1/bookings/${booking.reference}/${action}?token=${booking.token}`;
      expect((await t.app.inject({ method: 'POST', url: at('confirm') })).statusCode).toBe(200);
      const moved = await t.app.inject({
        method: 'POST',
        url: at('reschedule'),
        payload: { slotStart: second.start },
      });
      expect(moved.statusCode).toBe(200);
      const cancelled = await t.app.inject({
        method: 'POST',
        url: at('cancel'),
        payload: { reason: 'Wyjazd' },
      });
      expect(cancelled.statusCode).toBe(200);
      const handle = t.temporal.workflow.getHandle(bookingWorkflowId(booking.id));
      await handle.result();
      await writeHistory(t.config, handle.workflowId, 'hold-confirm-move-cancel', 'booking');
    } finally {
      await t.close();
      await smtp.close();
    }
  });
});
