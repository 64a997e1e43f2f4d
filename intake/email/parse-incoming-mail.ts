import { simpleParser, type AddressObject, type HeaderLines } from 'mailparser';
import { htmlToText } from './mail-text';

export interface IncomingAttachment {
  fileName: string | null;
  /** As the sender declared it: only a hint, the bytes decide what an image is. */
  contentType: string;
  /** Inline in an HTML body (`multipart/related`): signatures' logos usually are. */
  inline: boolean;
  content: Buffer;
}

/** What the intake needs of one message, read from its raw bytes. */
export interface IncomingMail {
  messageId: string | null;
  from: { name: string | null; address: string };
  subject: string;
  /** The body as plain text: the text part, or the HTML part converted; not yet trimmed. */
  text: string;
  /** Header values by lower-case name (the first occurrence, unfolded), for loop detection. */
  headers: Record<string, string>;
  /** Every Authentication-Results header, unfolded, in header order (the newest first). */
  authenticationResults: string[];
  contentType: string | null;
  /** In-Reply-To and References, in header order. */
  replyTo: string[];
  attachments: IncomingAttachment[];
}

/** The message cannot be read or lacks what every mail must have: refused at SMTP level with a 5xx. */
export class MalformedMailError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedMailError';
  }
}

const ADDRESS = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;

function unfoldedValue(line: string): string {
  return line
    .slice(line.indexOf(':') + 1)
    .replace(/\r?\n[ \t]+/g, ' ')
    .trim();
}

function headerMap(lines: HeaderLines): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const { key, line } of lines) {
    const name = key.toLowerCase();
    if (name in headers) continue;
    headers[name] = unfoldedValue(line);
  }
  return headers;
}

function firstAddress(
  field: AddressObject | AddressObject[] | undefined,
): { name: string | null; address: string } | null {
  const objects = field ? (Array.isArray(field) ? field : [field]) : [];
  for (const object of objects) {
    for (const entry of object.value) {
      const candidates = entry.group ?? [entry];
      for (const candidate of candidates) {
        const address = candidate.address?.trim().toLowerCase();
        // RFC 5321 caps a mailbox at 254 characters: a longer one is not an address anyone can answer.
        if (address && address.length <= 254 && ADDRESS.test(address)) {
          return { name: candidate.name?.trim() || null, address };
        }
      }
    }
  }
  return null;
}

function messageIds(value: string | string[] | undefined): string[] {
  if (!value) return [];
  return (Array.isArray(value) ? value : [value]).flatMap((v) => v.match(/<[^<>\s]+>/g) ?? []);
}

/** `<id@host>`; brackets added when a sender left them out, nothing when it is absurdly long. */
function normalizeMessageId(value: string | undefined): string | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  const id = trimmed.match(/<[^<>\s]+>/)?.[0] ?? `<${trimmed.replace(/[<>\s]/g, '')}>`;
  return id.length > 2 && id.length <= 900 ? id : null;
}

/**
 * Parses a raw message. Throws MalformedMailError when it has no header block, no usable From
 * address or cannot be parsed at all; everything else (odd charsets, broken HTML) is read as well
 * as it can be, since a resident's report is worth more than a perfect message.
 */
export async function parseIncomingMail(raw: Buffer): Promise<IncomingMail> {
  // A message starts with header lines; without a single "Name: value" line it is not mail at all.
  if (!/^[\x21-\x39\x3b-\x7e]+:/.test(raw.subarray(0, 1000).toString('latin1'))) {
    throw new MalformedMailError('the message does not start with a header');
  }
  let parsed;
  try {
    parsed = await simpleParser(raw, {
      skipHtmlToText: true,
      skipTextToHtml: true,
      skipImageLinks: true,
      skipTextLinks: true,
      keepCidLinks: true,
    });
  } catch (error) {
    throw new MalformedMailError(
      `the message cannot be parsed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const from = firstAddress(parsed.from);
  if (!from) throw new MalformedMailError('the message has no From address');
  const headers = headerMap(parsed.headerLines);
  const plain = parsed.text?.trim() ?? '';
  const text = plain || (typeof parsed.html === 'string' ? htmlToText(parsed.html) : '');
  return {
    messageId: normalizeMessageId(parsed.messageId),
    from,
    subject: parsed.subject?.trim() ?? '',
    text,
    headers,
    authenticationResults: parsed.headerLines
      .filter(({ key }) => key.toLowerCase() === 'authentication-results')
      .map(({ line }) => unfoldedValue(line)),
    contentType: headers['content-type'] ?? null,
    replyTo: [...messageIds(parsed.inReplyTo), ...messageIds(parsed.references)],
    attachments: parsed.attachments.map((attachment) => ({
      fileName: attachment.filename ?? null,
      contentType: attachment.contentType,
      inline: attachment.related === true,
      content: attachment.content,
    })),
  };
}
