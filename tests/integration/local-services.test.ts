import fs from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import pg from 'pg';
import { loadConfig } from '../../config/config';
import { locateTemporalCli } from '../../scripts/services/temporal-cli';
import { startTemporalDevServer } from '../../scripts/services/temporal-dev-server';
import { ensureNamespaceAndSearchAttributes } from '../../scripts/services/temporal-namespace';
import { searchAttributes } from '../../workflows/search-attributes';
import { spawnEmbeddedPostgres } from '../support/embedded-postgres-process';
import { freePort } from '../support/free-port';
import { readTestServices } from '../support/test-services';

/**
 * What `npm start` relies on for "a second start reuses the data": the embedded PostgreSQL and the
 * Temporal dev server keep their state in the data folder across a stop and a start.
 */
describe('the services npm start runs keep their data across restarts', () => {
  const workDir = path.join(readTestServices().tmpDir, 'restart');
  const config = loadConfig({ NODE_ENV: 'test' });

  beforeAll(() => fs.mkdirSync(workDir, { recursive: true, mode: 0o755 }));

  it('the embedded PostgreSQL keeps rows written before a restart', async () => {
    const dataDir = path.join(workDir, 'postgres');
    const port = await freePort();
    const first = await spawnEmbeddedPostgres({ dataDir, port, database: 'restart_check' });
    const client = new pg.Client({ connectionString: first.url });
    await client.connect();
    await client.query('create table note (text text)');
    await client.query(`insert into note values ('survives')`);
    await client.end();
    await first.stop();

    const second = await spawnEmbeddedPostgres({ dataDir, port, database: 'restart_check' });
    try {
      const again = new pg.Client({ connectionString: second.url });
      await again.connect();
      expect((await again.query('select text from note')).rows).toEqual([{ text: 'survives' }]);
      await again.end();
    } finally {
      await second.stop();
    }
  });

  it('the Temporal dev server keeps a running workflow in its SQLite file across a restart', async () => {
    const source = await locateTemporalCli({
      cliPath: config.temporal.cliPath,
      cacheDir: config.temporal.cacheDir,
      build: false,
    });
    const dbFile = path.join(workDir, 'temporal', 'temporal.db');
    const port = await freePort();
    const start = () =>
      startTemporalDevServer({ source, namespace: 'restart-check', port, dbFile, searchAttributes });

    const first = await start();
    const connection = await Connection.connect({ address: first.address });
    const client = new Client({ connection, namespace: 'restart-check' });
    // No worker polls this queue: the workflow stays running, which is what a restart must keep.
    await client.workflow.start('caseWorkflow', {
      workflowId: 'survivor',
      taskQueue: 'nobody-polls',
      args: [{}],
    });
    await connection.close();
    await first.stop();
    expect(fs.existsSync(dbFile)).toBe(true);

    const second = await start();
    try {
      const again = await Connection.connect({ address: second.address });
      const description = await new Client({ connection: again, namespace: 'restart-check' }).workflow
        .getHandle('survivor')
        .describe();
      expect(description.status.name).toBe('RUNNING');
      const attributes = await again.operatorService.listSearchAttributes({ namespace: 'restart-check' });
      expect(Object.keys(attributes.customAttributes ?? {})).toEqual(
        expect.arrayContaining(searchAttributes.map((key) => key.name)),
      );
      await again.close();
    } finally {
      await second.stop();
    }
  });

  it('prepares a namespace and its search attributes on a cluster that lacks them', async () => {
    const { temporalAddress } = readTestServices();
    const namespace = `fresh-${Date.now()}`;
    const lines: string[] = [];
    await ensureNamespaceAndSearchAttributes(temporalAddress, namespace, (line) => lines.push(line));
    expect(lines[0]).toContain(`registering Temporal namespace "${namespace}"`);
    const connection = await Connection.connect({ address: temporalAddress });
    try {
      const attributes = await connection.operatorService.listSearchAttributes({ namespace });
      expect(Object.keys(attributes.customAttributes ?? {})).toEqual(
        expect.arrayContaining(searchAttributes.map((key) => key.name)),
      );
    } finally {
      await connection.close();
    }
    // A second run finds everything in place and changes nothing.
    const again: string[] = [];
    await ensureNamespaceAndSearchAttributes(temporalAddress, namespace, (line) => again.push(line));
    expect(again).toEqual([]);
  });
});
