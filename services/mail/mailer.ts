import nodemailer from 'nodemailer';
import type { Config } from '../../config/config';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** With angle brackets, `<left@domain>`; deterministic ids let a resend be recognised as the same mail. */
  messageId?: string;
  headers?: Record<string, string>;
  /** Files sent with the mail: a booking's visit as a calendar file. */
  attachments?: MailAttachment[];
}

export interface MailAttachment {
  filename: string;
  content: string;
  contentType: string;
}

export interface SentMail {
  messageId: string;
  /** The server's final reply, for the log. */
  response: string;
}

export interface Mailer {
  /** The `From` every message carries (MAIL_FROM). */
  readonly from: string;
  send(message: MailMessage): Promise<SentMail>;
  close(): Promise<void>;
}

/**
 * The server refused the recipient or the message for good (a 5xx reply to RCPT TO or DATA):
 * retrying cannot help, unlike a lost connection or a 4xx.
 */
export class MailRejectedError extends Error {
  constructor(
    readonly recipient: string,
    readonly responseCode: number,
    readonly response: string,
  ) {
    super(`mail to ${recipient} refused by the SMTP server: ${response}`);
    this.name = 'MailRejectedError';
  }
}

interface SmtpError {
  code?: string;
  command?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

/** Every mail goes to one recipient, so a 5xx for that recipient or its message is permanent for it. */
function permanentRefusal(error: unknown, recipient: string): MailRejectedError | null {
  if (typeof error !== 'object' || error === null) return null;
  const smtp = error as SmtpError;
  const code = smtp.responseCode;
  const command = (smtp.command ?? '').toUpperCase();
  if (typeof code !== 'number' || code < 500 || code > 599) return null;
  if (command !== 'RCPT TO' && command !== 'DATA') return null;
  return new MailRejectedError(recipient, code, smtp.response ?? smtp.message ?? String(code));
}

/**
 * Sends over SMTP with nodemailer. The transport is made at the first send, so a worker without
 * SMTP_URL starts and fails only when it has mail to deliver, with a message saying what is missing.
 * Add `?pool=true` to SMTP_URL to keep connections open between messages.
 */
export function createMailer(config: Config): Mailer {
  const from = config.mail.from;
  let transport: ReturnType<typeof nodemailer.createTransport> | null = null;

  function transporter() {
    if (!config.mail.smtpUrl) {
      throw new Error(
        'SMTP_URL is not set: civicflow cannot send e-mail. Set SMTP_URL (smtp://host:port or smtps://user:pass@host:port).',
      );
    }
    transport ??= nodemailer.createTransport({
      url: config.mail.smtpUrl,
      // An activity must fail and be retried, not hang on a silent server until its timeout.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    return transport;
  }

  return {
    from,
    async send(message) {
      const smtp = transporter();
      try {
        const info = await smtp.sendMail({
          from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          messageId: message.messageId,
          headers: message.headers,
          ...(message.attachments
            ? {
                attachments: message.attachments.map((a) => ({
                  filename: a.filename,
                  content: a.content,
                  contentType: a.contentType,
                })),
              }
            : {}),
        });
        return { messageId: info.messageId, response: info.response };
      } catch (error) {
        throw permanentRefusal(error, message.to) ?? error;
      }
    },
    async close() {
      transport?.close();
      transport = null;
    },
  };
}
