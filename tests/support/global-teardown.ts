import fs from 'node:fs';
import { SERVICES_FILE_ENV } from './test-services';

export default async function globalTeardown(): Promise<void> {
  const stops = (globalThis as { __civicflowStops?: (() => Promise<void>)[] }).__civicflowStops ?? [];
  for (const stop of stops.reverse()) await stop();
  const file = process.env[SERVICES_FILE_ENV];
  if (file && fs.existsSync(file)) {
    const { tmpDir } = JSON.parse(fs.readFileSync(file, 'utf8')) as { tmpDir: string };
    fs.rmSync(tmpDir, { recursive: true, force: true });
    fs.rmSync(file, { force: true });
  }
}
