import { caseNumberToSlug } from '../../domain/cases/case-number';
import { render, type Block, type MailLanguage, type RenderedMail } from './mail-render';
import type { ResidentTemplate } from './resident-mail';

/** The changes a follower hears about: the outcome, not the back-and-forth with the reporter. */
export const FOLLOWER_TEMPLATES = ['RESOLVED', 'CLOSED', 'REOPENED', 'CANCELLED', 'MERGED'] as const;
export type FollowerTemplate = (typeof FOLLOWER_TEMPLATES)[number];

export function isFollowerTemplate(template: ResidentTemplate): template is FollowerTemplate {
  return (FOLLOWER_TEMPLATES as readonly string[]).includes(template);
}

export interface FollowerMailInput {
  template: FollowerTemplate;
  language: MailLanguage;
  caseNumber: string;
  /** The taxonomy event's name in the mail's language, when the case has one. */
  eventName: string | null;
  street: string | null;
  district: string | null;
  /** MERGED: the case the followed one became part of. */
  parentNumber?: string | null;
  publicUrl: string;
  unsubscribeUrl: string;
}

/** The public page of a report in the portal (its map), never the reporter's tracking link. */
export function publicCaseUrl(publicUrl: string, caseNumber: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/portal/reports/${caseNumberToSlug(caseNumber)}`;
}

export function unsubscribeUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/api/v1/public/followers/${token}/unsubscribe`;
}

/**
 * A short mail to a resident who follows someone else's report. It says only what the public map
 * shows (event, street, district, status): no note from the unit, which may name the reporter,
 * and no subject tag, as the follower is not a party whose reply belongs to the case.
 */
export function followerMail(input: FollowerMailInput): RenderedMail {
  const en = input.language === 'en';
  const n = input.caseNumber;
  const place = [input.street, input.district].filter(Boolean).join(', ');
  const what = [input.eventName, place].filter(Boolean).join(' — ');
  const shown = input.template === 'MERGED' && input.parentNumber ? input.parentNumber : n;
  const outcome: Record<FollowerTemplate, { subject: string; text: string }> = en
    ? {
        RESOLVED: {
          subject: `Report ${n} you follow has been resolved`,
          text: `Report ${n} has been resolved.`,
        },
        CLOSED: { subject: `Report ${n} you follow has been closed`, text: `Report ${n} has been closed.` },
        REOPENED: {
          subject: `Report ${n} you follow has been reopened`,
          text: `Report ${n} has been reopened and is being handled again.`,
        },
        CANCELLED: {
          subject: `Report ${n} you follow has been cancelled`,
          text: `Report ${n} has been cancelled.`,
        },
        MERGED: {
          subject: `Report ${n} you follow has been merged`,
          text: `Report ${n} concerns the same problem as report ${shown} and has been merged into it.`,
        },
      }
    : {
        RESOLVED: {
          subject: `Obserwowane zgłoszenie nr ${n} zostało załatwione`,
          text: `Zgłoszenie nr ${n} zostało załatwione.`,
        },
        CLOSED: {
          subject: `Obserwowane zgłoszenie nr ${n} zostało zamknięte`,
          text: `Zgłoszenie nr ${n} zostało zamknięte.`,
        },
        REOPENED: {
          subject: `Obserwowane zgłoszenie nr ${n} zostało wznowione`,
          text: `Zgłoszenie nr ${n} zostało wznowione i jest ponownie w realizacji.`,
        },
        CANCELLED: {
          subject: `Obserwowane zgłoszenie nr ${n} zostało anulowane`,
          text: `Zgłoszenie nr ${n} zostało anulowane.`,
        },
        MERGED: {
          subject: `Obserwowane zgłoszenie nr ${n} zostało połączone z innym`,
          text: `Zgłoszenie nr ${n} dotyczy tego samego problemu co zgłoszenie nr ${shown} i zostało z nim połączone.`,
        },
      };
  const chosen = outcome[input.template];
  const blocks: Block[] = [
    { kind: 'p', text: en ? 'Hello,' : 'Dzień dobry,' },
    { kind: 'p', text: chosen.text },
    ...(what ? [{ kind: 'p' as const, text: what }] : []),
    {
      kind: 'link',
      label: en ? 'The report on the map of reports:' : 'Zgłoszenie na mapie zgłoszeń:',
      url: publicCaseUrl(input.publicUrl, shown),
    },
    {
      kind: 'p',
      text: en
        ? 'You receive this e-mail because you chose to follow this report. Replies to it are not added to the report.'
        : 'Otrzymujesz tę wiadomość, ponieważ obserwujesz to zgłoszenie. Odpowiedzi na nią nie są dołączane do zgłoszenia.',
    },
    {
      kind: 'link',
      label: en ? 'To stop receiving these e-mails:' : 'Aby nie otrzymywać więcej takich wiadomości:',
      url: input.unsubscribeUrl,
    },
    { kind: 'p', text: en ? 'City Contact Center' : 'Miejskie Centrum Kontaktu' },
  ];
  return render({ language: input.language, subject: chosen.subject, blocks });
}

export function confirmFollowUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/api/v1/public/followers/${token}/confirm`;
}

/**
 * The one mail an address gets before it confirms: anybody can type any address into the follow
 * form, so until its owner opens the link and confirms, nothing else about the case is sent to it.
 */
export function followConfirmationMail(input: {
  language: MailLanguage;
  caseNumber: string;
  publicUrl: string;
  confirmUrl: string;
  validDays: number;
}): RenderedMail {
  const en = input.language === 'en';
  const n = input.caseNumber;
  const blocks: Block[] = [
    { kind: 'p', text: en ? 'Hello,' : 'Dzień dobry,' },
    {
      kind: 'p',
      text: en
        ? `Someone asked for e-mails to this address when the status of report ${n} changes.`
        : `Ktoś poprosił o wiadomości e-mail na ten adres, gdy zmieni się stan zgłoszenia nr ${n}.`,
    },
    {
      kind: 'link',
      label: en
        ? `To confirm that you want them, open this link within ${input.validDays} days and press the button:`
        : `Aby potwierdzić, że chcesz je otrzymywać, otwórz ten link w ciągu ${input.validDays} dni i naciśnij przycisk:`,
      url: input.confirmUrl,
    },
    {
      kind: 'p',
      text: en
        ? 'If it was not you, ignore this e-mail: without the confirmation you will receive nothing more.'
        : 'Jeśli to nie Ty, zignoruj tę wiadomość: bez potwierdzenia nie otrzymasz od nas nic więcej.',
    },
    {
      kind: 'link',
      label: en ? 'The report on the map of reports:' : 'Zgłoszenie na mapie zgłoszeń:',
      url: publicCaseUrl(input.publicUrl, n),
    },
    { kind: 'p', text: en ? 'City Contact Center' : 'Miejskie Centrum Kontaktu' },
  ];
  return render({
    language: input.language,
    subject: en ? `Confirm following report ${n}` : `Potwierdź obserwowanie zgłoszenia nr ${n}`,
    blocks,
  });
}
