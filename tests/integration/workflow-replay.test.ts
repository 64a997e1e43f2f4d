import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import type { temporal } from '@temporalio/proto';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../api/app';
import type { Orm } from '../../db/orm';
import { caseNumberToSlug, caseWorkflowId } from '../../domain/cases/case-number';
import { createTemporalClient } from '../../intake/temporal-client';
import { locateTemporalCli } from '../../scripts/services/temporal-cli';
import { eventually, integrationConfig, integrationOrm, startTestWorker } from '../support/integration';
import { installQuietRuntime } from '../support/quiet-runtime';
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

/**
 * Running cases live for weeks: the workflow code must replay every recorded history of earlier
 * versions exactly. A change that would break running cases fails here; guard it with patched().
 * `RECORD_WORKFLOW_HISTORIES=1 npx jest workflow-replay` records the current behaviour as a new fixture.
 */
describe('case workflow histories recorded from earlier versions', () => {
  beforeAll(() => installQuietRuntime());

  it('has recorded histories to check', () => {
    expect(recordedHistories().length).toBeGreaterThan(0);
  });

  it('replays every recorded history with the current workflow code', async () => {
    const { workflowBundlePath } = readTestServices();
    for (const { name, history } of recordedHistories()) {
      await expect(
        Worker.runReplayHistory(
          { workflowBundle: { code: fs.readFileSync(workflowBundlePath, 'utf8') } },
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
    const [{ name, history }] = recordedHistories();
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
      const filed = created.json<{ id: string; number: string; trackingToken: string }>();
      const handle = temporal.workflow.getHandle(caseWorkflowId(filed.id));
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
        handle.workflowId,
        '--namespace',
        config.temporal.namespace,
        '--address',
        config.temporal.address!,
        '--output',
        'json',
      ]).toString();
      const file = path.join(
        HISTORIES,
        `case-${new Date().toISOString().slice(0, 10)}-accept-info-resolve-close.json`,
      );
      fs.writeFileSync(file, json);
    } finally {
      await worker.stop();
      await app.close();
      await temporal.connection.close();
      await orm.close();
    }
  });
});
