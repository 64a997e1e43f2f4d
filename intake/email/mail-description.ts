import type { SkippedAttachment } from '../../services/mail-intake/mail-photos';

/** The public API's limit on a description and a resident's message. */
export const MAX_DESCRIPTION_CHARS = 4000;

/** The display name of From: as a clerk reads it: one line, no control characters (a header may carry any byte). */
export function contactName(name: string | null): string | null {
  return (
    cleanText(name ?? '')
      .replace(/\s+/g, ' ')
      .slice(0, 200) || null
  );
}

/** Control characters out (a mail may carry any byte), line breaks and tabs kept. */
export function cleanText(text: string): string {
  return text.replace(/(?![\n\t])\p{Cc}/gu, '').trim();
}

export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** The end of an outcome's reason: how many photos were attached and how many attachments left out. */
export function attachmentSummary(stored: number, skipped: number): string {
  const parts = [
    stored ? `${stored} photo(s) attached` : '',
    skipped ? `${skipped} attachment(s) skipped` : '',
  ];
  const text = parts.filter(Boolean).join(', ');
  return text ? `; ${text}` : '';
}

/**
 * The case description: the subject, the new part of the body and the attachments left out, at
 * most as long as the API allows. The body gives way first, so the subject and the list survive.
 */
export function caseDescription(subject: string, body: string, skipped: SkippedAttachment[]): string {
  const head = cleanText(subject);
  const tail = skipped.length
    ? `Pominięte załączniki: ${skipped.map((s) => `${s.fileName} (${s.reason})`).join('; ')}`
    : '';
  const fixed = [head, tail].filter(Boolean).join('\n\n').length + 4;
  const text = clip(cleanText(body), Math.max(200, MAX_DESCRIPTION_CHARS - fixed));
  const description = clip([head, text, tail].filter(Boolean).join('\n\n'), MAX_DESCRIPTION_CHARS);
  return description.length >= 3 ? description : '(wiadomość bez treści)';
}
