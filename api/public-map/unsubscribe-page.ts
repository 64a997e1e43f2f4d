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

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * The small page behind a follower mail's unsubscribe link. Plain HTML from the API, as the link
 * must work without the portal's scripts; the form posts back to the same address.
 */
export function unsubscribePage(
  input: { language: Language } & (
    { state: 'confirm'; caseNumber: string } | { state: 'done'; caseNumber: string } | { state: 'unknown' }
  ),
): string {
  const t = TEXTS[input.language];
  const body =
    input.state === 'confirm'
      ? `<p>${escapeHtml(t.confirm(input.caseNumber))}</p>
<form method="post"><button type="submit">${escapeHtml(t.button)}</button></form>`
      : `<p role="status">${escapeHtml(input.state === 'done' ? t.done(input.caseNumber) : t.unknown)}</p>`;
  return `<!doctype html>
<html lang="${input.language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(t.title)}</title></head>
<body style="font-family:sans-serif;line-height:1.5;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a">
<main>
<h1>${escapeHtml(t.title)}</h1>
${body}
<p><a href="/portal/">${escapeHtml(t.portal)}</a></p>
</main>
</body>
</html>
`;
}
