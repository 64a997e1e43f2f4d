import { createHash } from 'node:crypto';

/** The domain of MAIL_FROM (`Kontakt 19115 <kontakt@city.example>`), which Message-IDs are minted under. */
export function messageIdDomain(from: string): string {
  const match = /@([^\s<>@]+)\s*>?\s*$/.exec(from.trim());
  return match ? match[1].toLowerCase() : 'civicflow.local';
}

/** Recipients are compared lower-cased, so `Anna@X.pl` and `anna@x.pl` get one id. */
const recipientHash = (recipient: string) =>
  createHash('sha256').update(recipient.trim().toLowerCase()).digest('hex').slice(0, 16);

/**
 * Deterministic, so a mail sent again after a crash between the SMTP reply and the SENT mark
 * carries the same id and mail clients and the e-mail channel see one message. Event keys may
 * hold characters a Message-ID cannot (`:`, `/`, spaces): those are written as `=XX` bytes.
 */
export function notificationMessageId(input: {
  caseId: string;
  eventKey: string;
  recipient: string;
  from: string;
}): string {
  const key = Array.from(Buffer.from(input.eventKey, 'utf8'))
    .map((byte) => {
      const char = String.fromCharCode(byte);
      return /[A-Za-z0-9_-]/.test(char) ? char : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
  return `<case-${input.caseId}-${key}-${recipientHash(input.recipient)}@${messageIdDomain(input.from)}>`;
}

/** A booking mail's id, deterministic for the same reason: one per booking, event and address. */
export function bookingMessageId(input: {
  bookingId: string;
  eventKey: string;
  recipient: string;
  domain: string;
}): string {
  const key = input.eventKey.replace(/[^A-Za-z0-9_-]/g, '_');
  return `<booking-${input.bookingId}-${key}-${recipientHash(input.recipient)}@${input.domain}>`;
}
