type Language = 'pl' | 'en';

const TEXTS = {
  pl: {
    title: 'Rezygnacja z powiadomień',
    confirm: (n: string) =>
      `Czy chcesz przestać otrzymywać wiadomości e-mail o zmianach w zgłoszeniu nr ${n}?`,
    button: 'Tak, nie wysyłajcie mi więcej wiadomości',
    done: (n: string) => `Nie będziesz już otrzymywać wiadomości o zgłoszeniu nr ${n}.`,
    unknown:
      'Ten link nie jest już ważny. Możliwe, że zrezygnowano już z powiadomień albo zgłoszenie zostało usunięte.',
    portal: 'Przejdź do portalu',
  },
  en: {
    title: 'Unsubscribe',
    confirm: (n: string) => `Do you want to stop receiving e-mails about changes to report ${n}?`,
    button: 'Yes, send me no more e-mails',
    done: (n: string) => `You will receive no more e-mails about report ${n}.`,
    unknown: 'This link is no longer valid. You may already have unsubscribed, or the report was removed.',
    portal: 'Go to the portal',
  },
} satisfies Record<Language, unknown>;

const CONFIRM_TEXTS = {
  pl: {
    title: 'Obserwowanie zgłoszenia',
    confirm: (n: string) =>
      `Czy chcesz otrzymywać wiadomości e-mail, gdy zmieni się stan zgłoszenia nr ${n} (załatwienie, zamknięcie, wznowienie)?`,
    button: 'Tak, chcę otrzymywać wiadomości',
    done: (n: string) =>
      `Dziękujemy. Otrzymasz wiadomość, gdy zmieni się stan zgłoszenia nr ${n}. Każda wiadomość zawiera link do rezygnacji.`,
    unknown:
      'Ten link nie jest już ważny. Możliwe, że obserwowanie zostało już potwierdzone albo link wygasł: poproś o nowy na stronie zgłoszenia.',
    portal: 'Przejdź do portalu',
  },
  en: {
    title: 'Follow a report',
    confirm: (n: string) =>
      `Do you want to receive e-mails when the status of report ${n} changes (resolved, closed, reopened)?`,
    button: 'Yes, send me these e-mails',
    done: (n: string) =>
      `Thank you. You will receive an e-mail when the status of report ${n} changes. Each e-mail has a link to stop them.`,
    unknown:
      'This link is no longer valid. Following may already be confirmed, or the link expired: ask for a new one on the report’s page.',
    portal: 'Go to the portal',
  },
} satisfies Record<Language, typeof TEXTS.pl>;

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

type PageInput = { language: Language } & (
  { state: 'confirm'; caseNumber: string } | { state: 'done'; caseNumber: string } | { state: 'unknown' }
);

/**
 * The small page behind a follower mail's unsubscribe link. Plain HTML from the API, as the link
 * must work without the portal's scripts; the form posts back to the same address.
 */
export function unsubscribePage(input: PageInput): string {
  return followerPage(TEXTS[input.language], input);
}

/** The page behind the link of the mail that asks an address to confirm it wants to follow a report. */
export function confirmFollowPage(input: PageInput): string {
  return followerPage(CONFIRM_TEXTS[input.language], input);
}

function followerPage(t: typeof TEXTS.pl, input: PageInput): string {
  const body =
    input.state === 'confirm'
      ? `<p>${escapeHtml(t.confirm(input.caseNumber))}</p>
<form method="post"><button type="submit">${escapeHtml(t.button)}</button></form>`
      : `<p role="status">${escapeHtml(input.state === 'done' ? t.done(input.caseNumber) : t.unknown)}</p>`;
  return plainPage({ language: input.language, title: t.title, body, portalLabel: t.portal });
}

/** The frame of the API's own small pages (mail links): `body` is HTML already escaped. */
export function plainPage(input: {
  language: Language;
  title: string;
  body: string;
  portalLabel: string;
}): string {
  return `<!doctype html>
<html lang="${input.language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(input.title)}</title><link rel="icon" type="image/svg+xml" href="/portal/favicon.svg"></head>
<body style="font-family:sans-serif;line-height:1.5;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a">
<main>
<h1>${escapeHtml(input.title)}</h1>
${input.body}
<p><a href="/portal/">${escapeHtml(input.portalLabel)}</a></p>
</main>
</body>
</html>
`;
}
