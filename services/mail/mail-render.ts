// The parts every case mail is made of (blocks, language, subject tag), worded as text and HTML.

export type MailLanguage = 'pl' | 'en';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** Cases store a free language code; anything but English gets the city's language. */
export function mailLanguage(value: string | null | undefined): MailLanguage {
  return value === 'en' ? 'en' : 'pl';
}

export function subjectTag(caseNumber: string): string {
  return `[#${caseNumber}]`;
}

export type Block =
  | { kind: 'p'; text: string }
  | { kind: 'quote'; text: string }
  | { kind: 'link'; label: string; url: string }
  | { kind: 'facts'; rows: [string, string][] };

/** A mail's subject (without its tag) and body before the signature and rendering. */
export interface Draft {
  subject: string;
  blocks: Block[];
}

function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const htmlLines = (value: string) => escapeHtml(value).replace(/\r?\n/g, '<br>');

/** Words a mail's blocks as plain text and as HTML; shared with the follower mails (follower-mail.ts). */
export function render({
  language,
  subject,
  blocks,
}: {
  language: MailLanguage;
  subject: string;
  blocks: Block[];
}): RenderedMail {
  const text = blocks
    .map((block) => {
      switch (block.kind) {
        case 'p':
          return block.text;
        case 'quote':
          return block.text
            .split(/\r?\n/)
            .map((line) => `  ${line}`)
            .join('\n');
        case 'link':
          return `${block.label}\n${block.url}`;
        case 'facts':
          return block.rows.map(([label, value]) => `${label}: ${value}`).join('\n');
      }
    })
    .join('\n\n');

  const body = blocks
    .map((block) => {
      switch (block.kind) {
        case 'p':
          return `<p>${htmlLines(block.text)}</p>`;
        case 'quote':
          return `<blockquote style="margin:0 0 1em;padding-left:1em;border-left:3px solid #ccc">${htmlLines(block.text)}</blockquote>`;
        case 'link':
          return `<p>${htmlLines(block.label)}<br><a href="${escapeHtml(block.url)}">${escapeHtml(block.url)}</a></p>`;
        case 'facts':
          return `<table>${block.rows
            .map(
              ([label, value]) =>
                `<tr><th align="left" style="padding-right:1em">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`,
            )
            .join('')}</table>`;
      }
    })
    .join('\n');
  const html = `<!doctype html>\n<html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="font-family:sans-serif;line-height:1.4">\n${body}\n</body></html>\n`;
  return { subject, text: `${text}\n`, html };
}
