import { stopBrowserServer } from './browser-global-setup';
import { stopRunServices } from './global-setup';

export default async function browserGlobalTeardown(): Promise<void> {
  await stopBrowserServer();
  await stopRunServices();
}
