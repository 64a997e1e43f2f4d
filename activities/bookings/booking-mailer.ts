import nodemailer from 'nodemailer';
import type { Config } from '../../config/config';
import { MailRejectedError, type MailMessage, type SentMail } from '../notifications/mailer';

export interface MailAttachment {
  filename: string;
  content: string;
  contentType: string;
}

export interface BookingMailMessage extends MailMessage {
  attachments: MailAttachment[];
}

/** Sends booking mail: like the case mailer (same SMTP_URL, timeouts and refusal rules), with attachments. */
export interface BookingMailer {
  readonly from: string;
  send(message: BookingMailMessage): Promise<SentMail>;
  close(): Promise<void>;
}

/** A 5xx to RCPT TO or DATA refuses this one recipient for good; anything else may pass on a retry. */
function permanentRefusal(error: unknown, recipient: string): MailRejectedError | null {
  if (typeof error !== 'object' || error === null) return null;
  const smtp = error as { command?: string; responseCode?: number; response?: string; message?: string };
  const code = smtp.responseCode;
  const command = (smtp.command ?? '').toUpperCase();
  if (typeof code !== 'number' || code < 500 || code > 599) return null;
  if (command !== 'RCPT TO' && command !== 'DATA') return null;
  return new MailRejectedError(recipient, code, smtp.response ?? smtp.message ?? String(code));
}

export function createBookingMailer(config: Config): BookingMailer {
  let transport: ReturnType<typeof nodemailer.createTransport> | null = null;

  function transporter() {
    if (!config.mail.smtpUrl) {
      throw new Error(
        'SMTP_URL is not set: civicflow cannot send e-mail. Set SMTP_URL (smtp://host:port or smtps://user:pass@host:port).',
      );
    }
    transport ??= nodemailer.createTransport({
      url: config.mail.smtpUrl,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    return transport;
  }

  return {
    from: config.mail.from,
    async send(message) {
      const smtp = transporter();
      try {
        const info = await smtp.sendMail({
          from: config.mail.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          messageId: message.messageId,
          headers: message.headers,
          attachments: message.attachments.map((a) => ({
            filename: a.filename,
            content: a.content,
            contentType: a.contentType,
          })),
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
