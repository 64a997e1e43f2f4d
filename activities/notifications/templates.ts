import { caseNumberToSlug } from '../../domain/cases/case-number';
import type { CaseKind, Priority } from '../../domain/cases/case-states';
import { trackingToken } from '../../intake/tracking-token';

/**
 * The e-mails a case sends, as pure functions of their data: the activity looks the data up and
 * sends, these only word it. Every subject starts with `[#000123/26]`, which the e-mail channel
 * reads to attach a reply to its case.
 */

export const RESIDENT_TEMPLATES = [
  'ACKNOWLEDGED',
  'INFO_REQUESTED',
  'RESOLVED',
  'ANSWERED',
  'REOPENED',
  'CLOSED',
  'CANCELLED',
  'MERGED',
] as const;
export type ResidentTemplate = (typeof RESIDENT_TEMPLATES)[number];

export const STAFF_TEMPLATES = ['FORWARDED', 'SLA_WARNING', 'SLA_BREACHED', 'SLA_ESCALATED'] as const;
export type StaffTemplate = (typeof STAFF_TEMPLATES)[number];

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

function baseUrl(publicUrl: string): string {
  return publicUrl.replace(/\/+$/, '');
}

/**
 * The resident's link to the case's page in the portal; the token is derived from the id, so it
 * needs nothing stored.
 */
export function caseTrackingUrl(input: {
  publicUrl: string;
  secret: string;
  caseId: string;
  caseNumber: string;
}): string {
  const token = trackingToken(input.secret, input.caseId);
  return `${baseUrl(input.publicUrl)}/portal/track/${caseNumberToSlug(input.caseNumber)}?token=${token}`;
}

export function backOfficeCaseUrl(input: { publicUrl: string; caseId: string }): string {
  return `${baseUrl(input.publicUrl)}/admin/#/cases/${input.caseId}/show`;
}

export type Block =
  | { kind: 'p'; text: string }
  | { kind: 'quote'; text: string }
  | { kind: 'link'; label: string; url: string }
  | { kind: 'facts'; rows: [string, string][] };

interface Draft {
  subject: string;
  blocks: Block[];
}

const SIGNATURE: Record<MailLanguage, { greeting: string; closing: string; footer: string }> = {
  pl: {
    greeting: 'Dzień dobry,',
    closing: 'Z poważaniem\nMiejskie Centrum Kontaktu',
    footer:
      'Ta wiadomość została wysłana automatycznie. Odpowiadając na nią, prosimy nie zmieniać tematu: numer sprawy w nawiasie pozwala przypisać odpowiedź do sprawy.',
  },
  en: {
    greeting: 'Hello,',
    closing: 'Kind regards\nCity Contact Center',
    footer:
      'This message was sent automatically. If you reply, please keep the subject as it is: the case number in brackets links your reply to the case.',
  },
};

const STAFF_FOOTER: Record<MailLanguage, string> = {
  pl: 'Wiadomość wysłana automatycznie przez system obsługi zgłoszeń. Dane zgłaszającego są dostępne w panelu.',
  en: "Sent automatically by the case management system. The resident's details are in the back office.",
};

export interface ResidentMailInput {
  template: ResidentTemplate;
  language: MailLanguage;
  caseNumber: string;
  trackingUrl: string;
  /** The question (INFO_REQUESTED), the outcome (RESOLVED), the answer (ANSWERED), the reason (CANCELLED, REOPENED). */
  note?: string | null;
  /** MERGED only: the case this one was merged into; `trackingUrl` is then that case's link. */
  parentNumber?: string | null;
}

function residentDraft(input: ResidentMailInput): Draft {
  const { caseNumber: n, trackingUrl: url } = input;
  const note = input.note?.trim() || null;
  const parent = input.parentNumber ?? '?';
  const quote = (label: string | null): Block[] =>
    note ? [...(label ? [{ kind: 'p' as const, text: label }] : []), { kind: 'quote', text: note }] : [];

  if (input.language === 'en') {
    const track: Block = { kind: 'link', label: 'Your case online:', url };
    switch (input.template) {
      case 'ACKNOWLEDGED':
        return {
          subject: 'We have received your request',
          blocks: [
            {
              kind: 'p',
              text: `Thank you for contacting us. Your request has been registered as case ${n}.`,
            },
            { kind: 'link', label: 'You can follow its progress here:', url },
            { kind: 'p', text: 'We will e-mail you whenever there is news.' },
          ],
        };
      case 'INFO_REQUESTED':
        return {
          subject: 'We need more information',
          blocks: [
            { kind: 'p', text: `To handle case ${n} we need some more information from you:` },
            ...quote(null),
            {
              kind: 'p',
              text: 'Please reply to this e-mail. The case is on hold until we hear from you.',
            },
            track,
          ],
        };
      case 'RESOLVED':
        return {
          subject: 'Your request has been resolved',
          blocks: [
            { kind: 'p', text: `Case ${n} has been resolved.` },
            ...quote('Details from the responsible unit:'),
            { kind: 'p', text: 'If the problem persists, please reply to this e-mail.' },
            track,
          ],
        };
      case 'ANSWERED':
        return {
          subject: 'Answer to your question',
          blocks: [
            { kind: 'p', text: `Here is the answer to your question (case ${n}):` },
            ...quote(null),
            track,
          ],
        };
      case 'REOPENED':
        return {
          subject: 'Your case has been reopened',
          blocks: [
            { kind: 'p', text: `Case ${n} has been reopened and is being handled again.` },
            ...quote('Reason:'),
            track,
          ],
        };
      case 'CLOSED':
        return {
          subject: 'Your case has been closed',
          blocks: [
            { kind: 'p', text: `Case ${n} has been closed. Thank you for getting in touch.` },
            ...quote(null),
            track,
          ],
        };
      case 'CANCELLED':
        return {
          subject: 'Your request has been cancelled',
          blocks: [
            { kind: 'p', text: `Your request, case ${n}, has been cancelled.` },
            ...quote('Reason:'),
            track,
          ],
        };
      case 'MERGED':
        return {
          subject: `Your request has been merged with case ${parent}`,
          blocks: [
            {
              kind: 'p',
              text: `Your request ${n} concerns the same issue as case ${parent}, so we have merged it into that case. We will keep you informed under case ${parent}.`,
            },
            { kind: 'link', label: `Follow case ${parent} here:`, url },
          ],
        };
    }
  }

  const track: Block = { kind: 'link', label: 'Stan sprawy:', url };
  switch (input.template) {
    case 'ACKNOWLEDGED':
      return {
        subject: 'Przyjęliśmy zgłoszenie',
        blocks: [
          { kind: 'p', text: `Dziękujemy za zgłoszenie. Nadaliśmy mu numer ${n}.` },
          { kind: 'link', label: 'Stan sprawy można sprawdzić pod adresem:', url },
          { kind: 'p', text: 'O postępach poinformujemy w kolejnych wiadomościach e-mail.' },
        ],
      };
    case 'INFO_REQUESTED':
      return {
        subject: 'Prosimy o uzupełnienie informacji',
        blocks: [
          { kind: 'p', text: `Aby zająć się sprawą nr ${n}, potrzebujemy dodatkowych informacji:` },
          ...quote(null),
          {
            kind: 'p',
            text: 'Prosimy o odpowiedź na tę wiadomość. Do czasu jej otrzymania sprawa czeka na uzupełnienie.',
          },
          track,
        ],
      };
    case 'RESOLVED':
      return {
        subject: 'Sprawa została załatwiona',
        blocks: [
          { kind: 'p', text: `Sprawa nr ${n} została załatwiona.` },
          ...quote('Informacja od jednostki:'),
          { kind: 'p', text: 'Jeżeli problem nadal występuje, prosimy o odpowiedź na tę wiadomość.' },
          track,
        ],
      };
    case 'ANSWERED':
      return {
        subject: 'Odpowiedź na zapytanie',
        blocks: [{ kind: 'p', text: `Odpowiedź na zapytanie w sprawie nr ${n}:` }, ...quote(null), track],
      };
    case 'REOPENED':
      return {
        subject: 'Sprawa została wznowiona',
        blocks: [
          { kind: 'p', text: `Sprawa nr ${n} została wznowiona i jest ponownie w realizacji.` },
          ...quote('Powód:'),
          track,
        ],
      };
    case 'CLOSED':
      return {
        subject: 'Sprawa została zamknięta',
        blocks: [
          { kind: 'p', text: `Sprawa nr ${n} została zamknięta. Dziękujemy za kontakt.` },
          ...quote(null),
          track,
        ],
      };
    case 'CANCELLED':
      return {
        subject: 'Zgłoszenie zostało anulowane',
        blocks: [{ kind: 'p', text: `Zgłoszenie nr ${n} zostało anulowane.` }, ...quote('Powód:'), track],
      };
    case 'MERGED':
      return {
        subject: `Zgłoszenie połączone ze sprawą nr ${parent}`,
        blocks: [
          {
            kind: 'p',
            text: `Zgłoszenie nr ${n} dotyczy tego samego problemu co sprawa nr ${parent}, dlatego zostało z nią połączone. Dalsze informacje będziemy przekazywać w ramach sprawy nr ${parent}.`,
          },
          { kind: 'link', label: `Stan sprawy nr ${parent}:`, url },
        ],
      };
  }
}

export function residentMail(input: ResidentMailInput): RenderedMail {
  const draft = residentDraft(input);
  const signature = SIGNATURE[input.language];
  return render({
    language: input.language,
    subject: `${subjectTag(input.caseNumber)} ${draft.subject}`,
    blocks: [
      { kind: 'p', text: signature.greeting },
      ...draft.blocks,
      { kind: 'p', text: signature.closing },
      { kind: 'p', text: signature.footer },
    ],
  });
}

export interface StaffMailInput {
  template: StaffTemplate;
  language: MailLanguage;
  caseNumber: string;
  kind: CaseKind;
  /** The taxonomy event's name in the mail's language, when the case has one. */
  eventName?: string | null;
  district?: string | null;
  unitName?: string | null;
  priority?: Priority | null;
  firstResponseDueAt?: Date | null;
  resolutionDueAt?: Date | null;
  /** SLA_ESCALATED: how far up the case has gone (1, 2, ...). */
  level?: number | null;
  backOfficeUrl: string;
}

const KIND_NAMES: Record<MailLanguage, Record<CaseKind, string>> = {
  pl: {
    INCIDENT: 'zgłoszenie awarii / interwencja',
    INFORMATION: 'zapytanie',
    SUGGESTION: 'sugestia',
    COMPLAINT: 'skarga',
  },
  en: {
    INCIDENT: 'failure / intervention report',
    INFORMATION: 'question',
    SUGGESTION: 'suggestion',
    COMPLAINT: 'complaint',
  },
};

const PRIORITY_NAMES: Record<MailLanguage, Record<Priority, string>> = {
  pl: { low: 'niski', normal: 'zwykły', urgent: 'pilny' },
  en: { low: 'low', normal: 'normal', urgent: 'urgent' },
};

/** Deadlines are read by Warsaw staff: show them in the city's time zone, whatever the server's. */
export function formatDeadline(at: Date, language: MailLanguage): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'pl-PL', {
    timeZone: 'Europe/Warsaw',
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(at);
}

function staffDraft(input: StaffMailInput): Draft {
  const en = input.language === 'en';
  const n = input.caseNumber;
  const level = input.level ?? 1;
  const unit = input.unitName ?? (en ? 'your unit' : null);
  const rows: [string, string][] = [
    [en ? 'Case' : 'Sprawa', n],
    [en ? 'Type' : 'Rodzaj', input.eventName ?? KIND_NAMES[input.language][input.kind]],
  ];
  if (input.district) rows.push([en ? 'District' : 'Dzielnica', input.district]);
  if (input.priority)
    rows.push([en ? 'Priority' : 'Priorytet', PRIORITY_NAMES[input.language][input.priority]]);
  if (input.firstResponseDueAt) {
    rows.push([
      en ? 'First response due' : 'Termin pierwszej reakcji',
      formatDeadline(input.firstResponseDueAt, input.language),
    ]);
  }
  if (input.resolutionDueAt) {
    rows.push([
      en ? 'Resolution due' : 'Termin załatwienia',
      formatDeadline(input.resolutionDueAt, input.language),
    ]);
  }
  if (input.template === 'SLA_ESCALATED')
    rows.push([en ? 'Escalation level' : 'Poziom eskalacji', String(level)]);
  const facts: Block = { kind: 'facts', rows };
  const open: Block = {
    kind: 'link',
    label: en ? 'Open the case in the back office:' : 'Sprawa w panelu:',
    url: input.backOfficeUrl,
  };

  switch (input.template) {
    case 'FORWARDED':
      return {
        subject: en
          ? `New case for ${unit}`
          : unit
            ? `Nowa sprawa dla jednostki: ${unit}`
            : 'Nowa sprawa dla Twojej jednostki',
        blocks: [
          {
            kind: 'p',
            text: en
              ? `A new case has been forwarded to ${unit}.`
              : `Do ${unit ? `jednostki ${unit}` : 'Twojej jednostki'} przekazano nową sprawę.`,
          },
          facts,
          open,
        ],
      };
    case 'SLA_WARNING':
      return {
        subject: en ? 'Case deadline approaching' : 'Zbliża się termin załatwienia sprawy',
        blocks: [
          {
            kind: 'p',
            text: en
              ? `The deadline of case ${n} is approaching and the case is still open.`
              : `Zbliża się termin w sprawie nr ${n}, a sprawa nie została jeszcze załatwiona.`,
          },
          facts,
          open,
        ],
      };
    case 'SLA_BREACHED':
      return {
        subject: en ? 'Case deadline missed' : 'Przekroczono termin załatwienia sprawy',
        blocks: [
          {
            kind: 'p',
            text: en
              ? `The deadline of case ${n} has passed and the case is still open.`
              : `Termin w sprawie nr ${n} upłynął, a sprawa nie została załatwiona.`,
          },
          facts,
          open,
        ],
      };
    case 'SLA_ESCALATED':
      return {
        subject: en ? `Case escalated (level ${level})` : `Eskalacja sprawy (poziom ${level})`,
        blocks: [
          {
            kind: 'p',
            text: en
              ? `Case ${n} is overdue and has been escalated to level ${level}. Please see that it is dealt with.`
              : `Sprawa nr ${n} jest opóźniona i została eskalowana na poziom ${level}. Prosimy o dopilnowanie jej załatwienia.`,
          },
          facts,
          open,
        ],
      };
  }
}

export function staffMail(input: StaffMailInput): RenderedMail {
  const draft = staffDraft(input);
  return render({
    language: input.language,
    subject: `${subjectTag(input.caseNumber)} ${draft.subject}`,
    blocks: [...draft.blocks, { kind: 'p', text: STAFF_FOOTER[input.language] }],
  });
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
