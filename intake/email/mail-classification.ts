/**
 * What an incoming message is, from its headers alone: a machine's mail (auto-reply, bounce, our
 * own mail coming back) that must never become a case, or a reply that belongs to an existing case.
 * Pure functions, no I/O.
 */

/** `[#000123/26]`, the tag every notification's subject starts with (see services/mail/templates.ts). */
const SUBJECT_CASE_NUMBER = /\[#\s*(\d{6,})\s*\/\s*(\d{2})\s*\]/;

/** The case number a subject carries, as stored (`000123/26`), or null. */
export function caseNumberFromSubject(subject: string | null | undefined): string | null {
  const match = SUBJECT_CASE_NUMBER.exec(subject ?? '');
  return match ? `${match[1]}/${match[2]}` : null;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Matches the Message-IDs the notification activity mints (`<case-<case id>-<event>-<hash>@domain>`,
 * see `notificationMessageId`) under our own domain, capturing the case id. Only this exact shape
 * counts: other mail from the city's domain (a clerk's own mailbox) is ordinary mail.
 */
function ourMessageIdPattern(domain: string): RegExp {
  return new RegExp(`<case-(${UUID})-[A-Za-z0-9_=-]+-[0-9a-f]{16}@${escapeRegExp(domain)}>`, 'i');
}

/** The case a notification we sent belongs to, from the ids a reply lists in In-Reply-To/References. */
export function caseIdFromOurMessageIds(messageIds: string[], domain: string): string | null {
  const pattern = ourMessageIdPattern(domain);
  // The last reference is the message answered directly; earlier ones are older in the thread.
  for (const id of [...messageIds].reverse()) {
    const match = pattern.exec(id.trim());
    if (match) return match[1].toLowerCase();
  }
  return null;
}

export function isOurMessageId(messageId: string | null | undefined, domain: string): boolean {
  if (!messageId) return false;
  const match = new RegExp(`^${ourMessageIdPattern(domain).source}$`, 'i').exec(messageId.trim());
  return match !== null;
}

export interface AutomatedMailInput {
  /** Header values by lower-case name (the first occurrence, unfolded). */
  headers: Record<string, string>;
  /** MAIL FROM of the SMTP envelope; empty for a bounce. */
  envelopeFrom: string;
  /** The From header's address, lower-cased. */
  fromAddress: string | null;
  messageId: string | null;
  contentType: string | null;
  /** Our own addresses: MAIL_FROM's and the intake addresses, lower-cased. */
  ownAddresses: string[];
  /** The domain our notification Message-IDs are minted under. */
  ownDomain: string;
}

const BULK_PRECEDENCE = new Set(['bulk', 'junk', 'list', 'auto_reply']);

/**
 * Why the message was written by a machine and must not become a case, or null for a person's
 * mail. Answering a machine (or filing its mail) starts loops: an out-of-office answering our
 * acknowledgement would open a new case, which acknowledges again, and so on.
 */
export function automatedMailReason(input: AutomatedMailInput): string | null {
  const h = input.headers;
  const own = new Set(input.ownAddresses.map((a) => a.toLowerCase()));
  if (isOurMessageId(input.messageId, input.ownDomain)) {
    return `loop: Message-ID ${input.messageId} is one of our own notifications`;
  }
  if (h['x-civicflow-case'] !== undefined) return 'loop: it carries our own X-Civicflow-Case header';
  if (input.fromAddress && own.has(input.fromAddress.toLowerCase())) {
    return `loop: sent from our own address ${input.fromAddress}`;
  }
  if (!input.envelopeFrom.trim()) return 'bounce: empty envelope sender (MAIL FROM:<>)';
  if (/^<\s*>$/.test((h['return-path'] ?? '').trim())) return 'bounce: Return-Path: <>';
  if (/^multipart\/report\b/i.test(input.contentType ?? '')) {
    return 'bounce: a delivery or disposition report (multipart/report)';
  }
  const autoSubmitted = h['auto-submitted']?.trim().toLowerCase();
  if (autoSubmitted && !/^no\b/.test(autoSubmitted)) return `auto-reply: Auto-Submitted: ${autoSubmitted}`;
  const precedence = h['precedence']?.trim().toLowerCase();
  if (precedence && BULK_PRECEDENCE.has(precedence)) return `auto-reply: Precedence: ${precedence}`;
  for (const name of ['x-autoreply', 'x-autorespond', 'x-auto-response-suppress']) {
    if (h[name] !== undefined) return `auto-reply: it carries ${name}`;
  }
  return null;
}
