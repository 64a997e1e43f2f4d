import {
  render,
  subjectTag,
  type Block,
  type Draft,
  type MailLanguage,
  type RenderedMail,
} from './mail-render';

// The mails to the resident who reported the case (and those of the cases merged into it).

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

export interface ResidentMailInput {
  template: ResidentTemplate;
  language: MailLanguage;
  caseNumber: string;
  trackingUrl: string;
  /** The question (INFO_REQUESTED), the outcome (RESOLVED), the answer (ANSWERED), the reason (CANCELLED, REOPENED). */
  note?: string | null;
  /** MERGED only: the case this one was merged into; `trackingUrl` is then that case's link. */
  parentNumber?: string | null;
  /**
   * Set when the address is not yet confirmed as the resident's: the mail then asks to confirm
   * it and leaves out the tracking link, which opens the case's details to whoever holds it.
   */
  confirmation?: { url: string; validDays: number } | null;
}

function residentDraft(input: ResidentMailInput): Draft {
  const { caseNumber: n, trackingUrl: url } = input;
  const unconfirmed = Boolean(input.confirmation);
  const note = input.note?.trim() || null;
  const parent = input.parentNumber ?? '?';
  const quote = (label: string | null): Block[] =>
    note ? [...(label ? [{ kind: 'p' as const, text: label }] : []), { kind: 'quote', text: note }] : [];

  if (input.language === 'en') {
    const track: Block[] = unconfirmed ? [] : [{ kind: 'link', label: 'Your case online:', url }];
    switch (input.template) {
      case 'ACKNOWLEDGED':
        return {
          subject: 'We have received your request',
          blocks: [
            {
              kind: 'p',
              text: `Thank you for contacting us. Your request has been registered as case ${n}.`,
            },
            ...(unconfirmed
              ? []
              : [
                  { kind: 'link' as const, label: 'You can follow its progress here:', url },
                  { kind: 'p' as const, text: 'We will e-mail you whenever there is news.' },
                ]),
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
            ...track,
          ],
        };
      case 'RESOLVED':
        return {
          subject: 'Your request has been resolved',
          blocks: [
            { kind: 'p', text: `Case ${n} has been resolved.` },
            ...quote('Details from the responsible unit:'),
            { kind: 'p', text: 'If the problem persists, please reply to this e-mail.' },
            ...track,
          ],
        };
      case 'ANSWERED':
        return {
          subject: 'Answer to your question',
          blocks: [
            { kind: 'p', text: `Here is the answer to your question (case ${n}):` },
            ...quote(null),
            ...track,
          ],
        };
      case 'REOPENED':
        return {
          subject: 'Your case has been reopened',
          blocks: [
            { kind: 'p', text: `Case ${n} has been reopened and is being handled again.` },
            ...quote('Reason:'),
            ...track,
          ],
        };
      case 'CLOSED':
        return {
          subject: 'Your case has been closed',
          blocks: [
            { kind: 'p', text: `Case ${n} has been closed. Thank you for getting in touch.` },
            ...quote(null),
            ...track,
          ],
        };
      case 'CANCELLED':
        return {
          subject: 'Your request has been cancelled',
          blocks: [
            { kind: 'p', text: `Your request, case ${n}, has been cancelled.` },
            ...quote('Reason:'),
            ...track,
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

  const track: Block[] = unconfirmed ? [] : [{ kind: 'link', label: 'Stan sprawy:', url }];
  switch (input.template) {
    case 'ACKNOWLEDGED':
      return {
        subject: 'Przyjęliśmy zgłoszenie',
        blocks: [
          { kind: 'p', text: `Dziękujemy za zgłoszenie. Nadaliśmy mu numer ${n}.` },
          ...(unconfirmed
            ? []
            : [
                { kind: 'link' as const, label: 'Stan sprawy można sprawdzić pod adresem:', url },
                { kind: 'p' as const, text: 'O postępach poinformujemy w kolejnych wiadomościach e-mail.' },
              ]),
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
          ...track,
        ],
      };
    case 'RESOLVED':
      return {
        subject: 'Sprawa została załatwiona',
        blocks: [
          { kind: 'p', text: `Sprawa nr ${n} została załatwiona.` },
          ...quote('Informacja od jednostki:'),
          { kind: 'p', text: 'Jeżeli problem nadal występuje, prosimy o odpowiedź na tę wiadomość.' },
          ...track,
        ],
      };
    case 'ANSWERED':
      return {
        subject: 'Odpowiedź na zapytanie',
        blocks: [{ kind: 'p', text: `Odpowiedź na zapytanie w sprawie nr ${n}:` }, ...quote(null), ...track],
      };
    case 'REOPENED':
      return {
        subject: 'Sprawa została wznowiona',
        blocks: [
          { kind: 'p', text: `Sprawa nr ${n} została wznowiona i jest ponownie w realizacji.` },
          ...quote('Powód:'),
          ...track,
        ],
      };
    case 'CLOSED':
      return {
        subject: 'Sprawa została zamknięta',
        blocks: [
          { kind: 'p', text: `Sprawa nr ${n} została zamknięta. Dziękujemy za kontakt.` },
          ...quote(null),
          ...track,
        ],
      };
    case 'CANCELLED':
      return {
        subject: 'Zgłoszenie zostało anulowane',
        blocks: [{ kind: 'p', text: `Zgłoszenie nr ${n} zostało anulowane.` }, ...quote('Powód:'), ...track],
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

/** What a mail to an address not yet confirmed adds: the link, and that nothing else follows without it. */
function confirmationBlocks(
  language: MailLanguage,
  confirmation: { url: string; validDays: number },
): Block[] {
  const days = confirmation.validDays;
  return language === 'en'
    ? [
        {
          kind: 'link',
          label: `Please confirm that this e-mail address is yours: open this link within ${days} days of your request and press the button:`,
          url: confirmation.url,
        },
        {
          kind: 'p',
          text: 'We will e-mail you news on the case only after you have confirmed. If it was not you, ignore this e-mail: without the confirmation you will receive nothing more from us.',
        },
      ]
    : [
        {
          kind: 'link',
          label: `Prosimy potwierdzić, że to Twój adres e-mail: otwórz ten link w ciągu ${days} dni od zgłoszenia i naciśnij przycisk:`,
          url: confirmation.url,
        },
        {
          kind: 'p',
          text: 'Informacje o postępach w sprawie wyślemy dopiero po potwierdzeniu adresu. Jeśli to nie Ty, zignoruj tę wiadomość: bez potwierdzenia nie otrzymasz od nas nic więcej.',
        },
      ];
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
      ...(input.confirmation ? confirmationBlocks(input.language, input.confirmation) : []),
      { kind: 'p', text: signature.closing },
      { kind: 'p', text: signature.footer },
    ],
  });
}
