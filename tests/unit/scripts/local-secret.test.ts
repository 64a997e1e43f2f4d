import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isPublishedDevelopmentSecret, loadConfig } from '../../../config/config';
import { localDevelopmentSecret } from '../../../scripts/services/local-secret';

describe("npm start's secret when APP_SECRET is unset", () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'civicflow-secret-'));
    dirs.push(dir);
    return path.join(dir, '.data');
  };
  afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it('is random per data folder, readable by its owner only, and kept across starts', () => {
    const first = dataDir();
    const secret = localDevelopmentSecret(first);
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(isPublishedDevelopmentSecret(secret)).toBe(false);
    expect(fs.statSync(path.join(first, 'app-secret')).mode & 0o777).toBe(0o600);
    expect(localDevelopmentSecret(first)).toBe(secret);
    expect(localDevelopmentSecret(dataDir())).not.toBe(secret);
    // What the API and the worker then load: a secret nobody could read in the source.
    expect(loadConfig({ NODE_ENV: 'development', APP_SECRET: secret }).secret).toBe(secret);
  });
});
