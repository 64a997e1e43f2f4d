import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  cachedCliPath,
  locateTemporalCli,
  TEMPORAL_CLI_VERSION,
} from '../../../scripts/services/temporal-cli';

function executable(file: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, '#!/bin/sh\n', { mode: 0o755 });
  return file;
}

describe('finding the Temporal CLI', () => {
  let dir: string;
  const originalPath = process.env.PATH;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'temporal-cli-'));
    process.env.PATH = path.join(dir, 'empty-bin');
  });
  afterEach(() => {
    process.env.PATH = originalPath;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('takes TEMPORAL_CLI_PATH first', async () => {
    const explicit = executable(path.join(dir, 'explicit', 'temporal'));
    executable(cachedCliPath(path.join(dir, 'cache')));
    await expect(
      locateTemporalCli({ cliPath: explicit, cacheDir: path.join(dir, 'cache') }),
    ).resolves.toEqual({
      kind: 'path',
      path: explicit,
      origin: 'TEMPORAL_CLI_PATH',
    });
  });

  it('refuses a TEMPORAL_CLI_PATH that is not an executable', async () => {
    await expect(locateTemporalCli({ cliPath: path.join(dir, 'nope'), cacheDir: dir })).rejects.toThrow(
      /TEMPORAL_CLI_PATH=.* is not an executable file/,
    );
  });

  it('then `temporal` on PATH, then the versioned cache', async () => {
    const cached = executable(cachedCliPath(path.join(dir, 'cache')));
    expect(cached).toBe(path.join(dir, 'cache', `temporal-${TEMPORAL_CLI_VERSION}`, 'temporal'));
    await expect(locateTemporalCli({ cacheDir: path.join(dir, 'cache') })).resolves.toMatchObject({
      origin: 'cache',
    });

    const onPath = executable(path.join(dir, 'bin', 'temporal'));
    process.env.PATH = `${path.join(dir, 'bin')}${path.delimiter}${process.env.PATH}`;
    await expect(locateTemporalCli({ cacheDir: path.join(dir, 'cache') })).resolves.toEqual({
      kind: 'path',
      path: onPath,
      origin: 'PATH',
    });
  });

  it('without a binary and without building, says where it looked', async () => {
    await expect(locateTemporalCli({ cacheDir: path.join(dir, 'cache'), build: false })).rejects.toThrow(
      /looked at TEMPORAL_CLI_PATH, PATH and .*temporal-1\.5\.1/,
    );
  });

  it('without Go, falls back to the SDK download into the cache', async () => {
    await expect(locateTemporalCli({ cacheDir: path.join(dir, 'cache') })).resolves.toEqual({
      kind: 'sdk-download',
      downloadDir: path.join(dir, 'cache', 'sdk-download'),
    });
  });
});
