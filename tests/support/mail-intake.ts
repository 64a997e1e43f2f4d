import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../../config/config';
import { startEmailIntake, type EmailIntake } from '../../intake/email/email-listener';
import type { TestApp } from './integration';

export interface TestMailIntake {
  intake: EmailIntake;
  /** Delivers to the intake as the city's relay would: plain SMTP on loopback. */
  transport: Transporter;
  close(): Promise<void>;
}

/**
 * The mail intake of a test app on a free port of 127.0.0.1, and a transport to it. The sweeper
 * waits an hour (tests process what they deliver through `intake.idle()`), and closing does not
 * wait for the transport's idle connection.
 */
export async function startTestMailIntake(
  fixture: Pick<TestApp, 'orm' | 'temporal' | 'config'>,
  options: { config?: Config; log?: (line: string) => void } = {},
): Promise<TestMailIntake> {
  const intake = await startEmailIntake(
    {
      orm: fixture.orm,
      temporal: fixture.temporal,
      config: options.config ?? fixture.config,
      log: options.log ?? (() => undefined),
    },
    { port: 0, host: '127.0.0.1', sweepIntervalMs: 3_600_000, closeTimeoutMs: 100 },
  );
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: intake.port,
    secure: false,
    ignoreTLS: true,
  });
  return {
    intake,
    transport,
    async close() {
      transport.close();
      await intake.stop();
    },
  };
}
