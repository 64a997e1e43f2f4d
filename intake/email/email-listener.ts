import type { Readable } from 'node:stream';
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';
import { MalformedMailError, parseIncomingMail } from './parse-incoming-mail';
import { MailQuotaExceededError, storeInboundEmail } from '../../services/mail-intake/inbound-emails';
import {
  processInboundEmail,
  sweepInboundEmails,
  type EmailIntakeDeps,
  type ProcessResult,
} from './process-incoming-mail';

export interface EmailIntake {
  host: string;
  port: number;
  /** `smtp://host:port`, for a relay's configuration or a test's transport. */
  url: string;
  /** Processes what is still RECEIVED (runs at start and every `sweepIntervalMs` on its own). */
  sweep(): Promise<ProcessResult[]>;
  /** Resolves once everything received or swept so far has been processed. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export interface EmailIntakeOptions {
  /** Defaults to MAIL_INTAKE_PORT; 0 takes a free port. */
  port?: number;
  host?: string;
  sweepIntervalMs?: number;
  /** How long stop() waits for open SMTP connections. */
  closeTimeoutMs?: number;
}

/** An SMTP refusal: smtp-server answers with `responseCode` and the message, which starts with the enhanced code. */
function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}

const MB = 1024 * 1024;

/**
 * The e-mail channel's SMTP listener, for the city's relay to deliver the contact addresses to.
 * Only those addresses are accepted (550 5.1.1 for others), messages over the size limit get
 * 552 5.3.4 (the limit is announced as SIZE in EHLO), unreadable ones or ones without a From
 * address 550 5.6.0, and new ones past the hourly quotas of cases from mail 451 4.7.1. A message
 * is stored in PostgreSQL before the 250, then processed; if the process dies in between, the
 * sweeper of this or the next process finishes the job.
 */
export async function startEmailIntake(
  deps: EmailIntakeDeps,
  options: EmailIntakeOptions = {},
): Promise<EmailIntake> {
  const settings = deps.config.mailIntake;
  const accepted = new Set(settings.addresses.map((a) => a.toLowerCase()));
  const maxBytes = settings.maxBytes;
  let queue: Promise<unknown> = Promise.resolve();
  let stopped = false;

  // One message at a time: a case's intake is a few queries and a workflow start, and a burst of
  // mail then waits here (already stored, so safe) instead of crowding the database pool.
  function enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = queue.then(work);
    queue = run.catch((error: unknown) =>
      deps.log(`mail intake: ${error instanceof Error ? error.message : String(error)}`),
    );
    return run;
  }

  async function receive(raw: Buffer, session: SMTPServerSession): Promise<string> {
    const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
    const recipients = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
    const peer = `${session.remoteAddress} (MAIL FROM:<${envelopeFrom}>)`;
    let mail;
    try {
      mail = await parseIncomingMail(raw);
    } catch (error) {
      if (!(error instanceof MalformedMailError)) throw error;
      deps.log(`mail intake: refused malformed mail from ${peer}: ${error.message}`);
      throw smtpError(550, `5.6.0 Message refused: ${error.message}`);
    }
    let stored;
    try {
      stored = await storeInboundEmail(deps.orm, { raw, envelopeFrom, recipients, mail }, settings);
    } catch (error) {
      if (error instanceof MailQuotaExceededError) {
        deps.log(`mail intake: deferred mail from ${mail.from.address} via ${peer}: ${error.message}`);
        // 4xx: the relay keeps the message and tries again once the hour has moved on.
        throw smtpError(451, `4.7.1 Mail intake ${error.message}; please try again later`);
      }
      deps.log(
        `mail intake: could not store mail from ${peer}, the relay will retry: ${error instanceof Error ? error.message : String(error)}`,
      );
      throw smtpError(451, '4.3.0 Cannot store the message now, please try again later');
    }
    if (stored.duplicate) {
      deps.log(`mail intake: ${mail.messageId} from ${peer} delivered again; kept once as ${stored.id}`);
      return `2.0.0 Already received as ${stored.id}`;
    }
    void enqueue(() => processInboundEmail(deps, stored.id));
    return `2.0.0 Queued as ${stored.id}`;
  }

  const server = new SMTPServer({
    banner: 'civicflow mail intake',
    size: maxBytes,
    // The relay is inside the city's network and delivers without authenticating.
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    maxClients: 20,
    closeTimeout: options.closeTimeoutMs ?? 5000,
    onRcptTo(address: SMTPServerAddress, session: SMTPServerSession, callback: (err?: Error | null) => void) {
      if (accepted.has(address.address.toLowerCase())) {
        callback();
        return;
      }
      deps.log(`mail intake: refused recipient <${address.address}> from ${session.remoteAddress}`);
      callback(smtpError(550, `5.1.1 <${address.address}>: no such mailbox here`));
    },
    onData(stream: Readable & { sizeExceeded?: boolean }, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        // Past the limit the rest is read and dropped: the client is owed an answer after its data.
        if (!stream.sizeExceeded) chunks.push(chunk);
      });
      stream.once('error', (error: Error) => callback(error));
      stream.once('end', () => {
        if (stream.sizeExceeded) {
          deps.log(
            `mail intake: refused mail over ${(maxBytes / MB).toFixed(0)} MB from ${session.remoteAddress}`,
          );
          callback(
            smtpError(
              552,
              `5.3.4 Message too big: at most ${maxBytes} bytes (${(maxBytes / MB).toFixed(0)} MB)`,
            ),
          );
          return;
        }
        receive(Buffer.concat(chunks), session).then(
          (reply) => callback(null, reply),
          (error: Error) => callback(error),
        );
      });
    },
  });

  const host = options.host ?? settings.host;
  const port = await new Promise<number>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? settings.port, host, () => {
      server.server.off('error', reject);
      const address = server.server.address();
      if (typeof address === 'object' && address) resolve(address.port);
      else reject(new Error('the mail intake listener has no port'));
    });
  });
  server.on('error', (error) => deps.log(`mail intake: ${error.message}`));

  const sweep = () =>
    enqueue(async () => {
      if (stopped) return [];
      const results = await sweepInboundEmails(deps);
      const done = results.filter((r) => r.status !== 'BUSY').length;
      if (done > 0) deps.log(`mail intake: swept ${done} message(s) left waiting`);
      return results;
    });
  void sweep().catch(() => undefined);
  const timer = setInterval(() => void sweep().catch(() => undefined), options.sweepIntervalMs ?? 30_000);
  timer.unref();

  return {
    host,
    port,
    url: `smtp://${host}:${port}`,
    sweep,
    async idle() {
      // Work queued while waiting (a sweep finding more) is waited for too.
      let seen: Promise<unknown>;
      do {
        seen = queue;
        await seen;
      } while (seen !== queue);
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await queue;
    },
  };
}
