import { stopRunServices } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  await stopRunServices();
}
