import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

export interface DevMailSink {
  /** `smtp://127.0.0.1:<port>`, for SMTP_URL. */
  url: string;
  stop(): Promise<void>;
}

async function save({
  stream,
  session,
  dir,
}: {
  stream: Readable;
  session: SMTPServerSession;
  dir: string;
}): Promise<void> {
  const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`;
  const file = path.join(dir, name);
  // Written under a temporary name first, so whoever watches the folder never opens half a message.
  const partial = `${file}.part`;
  // The raw message does not say who it was sent to (Bcc); the envelope does.
  const mailFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
  const envelope =
    `X-Envelope-From: <${mailFrom}>\r\n` +
    `X-Envelope-To: ${session.envelope.rcptTo.map((r) => `<${r.address}>`).join(', ')}\r\n`;
  try {
    const out = fs.createWriteStream(partial);
    out.write(envelope);
    await pipeline(stream, out);
    await fs.promises.rename(partial, file);
  } catch (error) {
    await fs.promises.rm(partial, { force: true });
    throw error;
  }
}

/**
 * A local SMTP server for `npm start` without SMTP_URL: it accepts every message and keeps it as an
 * .eml file in `dir`, so a developer can open what residents and staff would have received and no
 * mail ever leaves the machine. Port 0 takes a free port.
 */
export async function startDevMailSink({ dir, port }: { dir: string; port: number }): Promise<DevMailSink> {
  await fs.promises.mkdir(dir, { recursive: true });

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    closeTimeout: 1000,
    onData(stream, session, callback) {
      save({ stream, session, dir }).then(
        () => callback(),
        (error: Error) => callback(error),
      );
    },
  });

  const boundPort = await new Promise<number>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.server.address();
      if (typeof address === 'object' && address) resolve(address.port);
      else reject(new Error('the mail sink has no port'));
    });
  });

  return {
    url: `smtp://127.0.0.1:${boundPort}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
