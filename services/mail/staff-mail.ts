import type { CaseKind, Priority } from '../../domain/cases/case-states';
import {
  render,
  subjectTag,
  type Block,
  type Draft,
  type MailLanguage,
  type RenderedMail,
} from './mail-render';

// The mails to the staff who must act on a case: what it is, its deadlines, a link to the back office.

export const STAFF_TEMPLATES = ['FORWARDED', 'SLA_WARNING', 'SLA_BREACHED', 'SLA_ESCALATED'] as const;
export type StaffTemplate = (typeof STAFF_TEMPLATES)[number];

const STAFF_FOOTER: Record<MailLanguage, string> = {
  pl: 'Wiadomość wysłana automatycznie przez system obsługi zgłoszeń. Dane zgłaszającego są dostępne w panelu.',
  en: "Sent automatically by the case management system. The resident's details are in the back office.",
};

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
