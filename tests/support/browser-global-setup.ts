import path from 'node:path';
import type { Config as JestConfig } from '@jest/types';
import { chromium, type BrowserServer } from 'playwright-core';
import { ensureAdminBuilt, ensurePortalBuilt } from '../../scripts/services/frontend-build';
import { CHROMIUM_ARGS, CHROMIUM_PATH, CHROMIUM_WS_ENV, portalTestBuildDir } from './browser';
import servicesSetup from './global-setup';

const log = (line: string) => process.stderr.write(`[browser-setup] ${line}\n`);

type WithBrowserServer = typeof globalThis & { __civicflowChromium?: BrowserServer };

/**
 * The browser project's setup: the run's services (shared with the integration project), the
 * back office and the portal built once (Vite, only when their sources changed since the last
 * build), and one Chromium server that every browser test connects to with a context of its own.
 */
export default async function browserGlobalSetup(globalConfig?: JestConfig.GlobalConfig): Promise<void> {
  const started = Date.now();
  const [, , , server] = await Promise.all([
    servicesSetup(globalConfig),
    ensureAdminBuilt(log),
    ensurePortalBuilt(log, portalTestBuildDir()),
    chromium.launchServer({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }),
  ]);
  (globalThis as WithBrowserServer).__civicflowChromium = server;
  process.env[CHROMIUM_WS_ENV] = server.wsEndpoint();
  log(
    `frontends built and Chromium up in ${((Date.now() - started) / 1000).toFixed(1)} s (${path.basename(CHROMIUM_PATH)})`,
  );
}

export async function stopBrowserServer(): Promise<void> {
  const state = globalThis as WithBrowserServer;
  await state.__civicflowChromium?.close();
  state.__civicflowChromium = undefined;
}
