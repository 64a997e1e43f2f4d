import EmailReplyParser from 'email-reply-parser';
import { decodeHTMLStrict } from 'entities';
import { convert, type HtmlToTextOptions } from 'html-to-text';

/**
 * Plain text out of residents' e-mail: HTML bodies turned into text by html-to-text, quoted
 * replies and signatures cut by email-reply-parser with a small adapter for the Polish and Outlook
 * headers it misses, and a simple guess of the language the resident wrote in. Pure, no I/O.
 */

/** Strict HTML entity decoding: only `&name;` forms, invalid code points become U+FFFD. */
export function decodeEntities(text: string): string {
  return decodeHTMLStrict(text);
}

/**
 * htmlparser2, under html-to-text, keeps its open elements in an array it shifts, so parsing is
 * quadratic in the nesting depth (50,000 nested tags take seconds); html-to-text's walk recurses
 * and overflows the stack on deep nesting. A mail with more start tags than this is cut at the
 * first tag over it: real mail stays far below, and a case keeps only its first 4,000 characters.
 */
const MAX_HTML_TAGS = 20_000;
/** Deeper than any real markup (browsers flatten nesting past 512 levels); guards the recursion. */
const MAX_HTML_DEPTH = 500;

/** Content of these elements is never text a resident wrote for us. */
const DROPPED_ELEMENTS = [
  'head',
  'title',
  'script',
  'style',
  'template',
  'noscript',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'select',
  'textarea',
  'img',
];
const ONE_LINE = { leadingLineBreaks: 1, trailingLineBreaks: 1 };

const HTML_TO_TEXT: HtmlToTextOptions = {
  wordwrap: false,
  // A no-break space separates words like a space; entities decoded by htmlparser2 keep it otherwise.
  whitespaceCharacters: ' \t\r\n\f\u200b\u00a0',
  limits: { maxDepth: MAX_HTML_DEPTH },
  formatters: {
    // Table cells side by side, a space apart, as the eye reads a row.
    cell: (elem, walk, builder) => {
      builder.addInline(' ');
      walk(elem.children, builder);
    },
  },
  // Blocks start on a line of their own; only <br> makes empty lines.
  selectors: [
    ...DROPPED_ELEMENTS.map((selector) => ({ selector, format: 'skip' })),
    ...['p', 'div', 'ol', 'pre'].map((selector) => ({ selector, options: ONE_LINE })),
    ...['table', 'tr', 'hr'].map((selector) => ({ selector, format: 'block', options: ONE_LINE })),
    ...['td', 'th'].map((selector) => ({ selector, format: 'cell' })),
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'ul', options: { ...ONE_LINE, itemPrefix: '- ' } },
    // `> ` before quoted lines, so the reply trimmer drops them as in a text mail.
    { selector: 'blockquote', options: { ...ONE_LINE, trimEmptyLines: true } },
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({
      selector,
      options: { ...ONE_LINE, uppercase: false },
    })),
  ],
};

function withinTagLimit(html: string): string {
  const startTag = /<[a-z]/gi;
  let count = 0;
  for (let match = startTag.exec(html); match; match = startTag.exec(html)) {
    count += 1;
    if (count > MAX_HTML_TAGS) return html.slice(0, match.index);
  }
  return html;
}

/**
 * The text a reader of the HTML would see, as plain text: blocks and `<br>` become line breaks,
 * list items dashes, quoted parts (`<blockquote>`) lines starting with `> `. Markup never
 * survives; scripts, styles and the like go with their content.
 */
export function htmlToText(html: string): string {
  return tidy(convert(withinTagLimit(html), HTML_TO_TEXT));
}

/** Trailing spaces off, at most one empty line in a row, no empty lines around the text. */
function tidy(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * email-reply-parser's regular expressions backtrack: their time grows with the square of the
 * text on hostile input (a 72 kB run of "From: a <" took 6 s, 8,000 characters 140 ms). Only this
 * much is read; a case keeps at most 4,000 characters of it anyway.
 */
const MAX_REPLY_CHARS = 8_000;

/*
 * The adapter: what email-reply-parser 2.1 misses in the project's mail, found on its fixtures
 * (tests/unit/email/mail-text.test.ts). It knows "On … wrote:", "W dniu … pisze:", "Dnia …
 * napisał(a):", `>` quotes, "-- " signatures and "Sent from my …", but not Outlook's header block in
 * Polish ("Od:/Wysłano:") or in bold, the Polish "Wiadomość oryginalna" marker, an English one
 * with no empty line above it, nor Polish phone footers. The quoted message starts at such a header; a footer is one line.
 */
const ORIGINAL_MESSAGE =
  /^-{2,}\s*(original message|wiadomość oryginalna|oryginalna wiadomość|reply message)\s*-{2,}\s*$/i;
const OUTLOOK_HEADER = /^\*?(from|od|nadawca):\*?\s.+/i;
const OUTLOOK_FOLLOWING = /^\*?(sent|wysłano|wysłane|date|data|to|do|subject|temat):\*?\s/i;
const MOBILE_FOOTER =
  /^(sent from my .+|wysłane z (mojego )?(iphone|ipad|telefonu|urządzenia|.*android).*|get outlook for .+|pobierz (aplikację )?outlook .+)$/i;

function beforeOutlookQuote(lines: string[]): string[] {
  const start = lines.findIndex(
    (line, i) =>
      ORIGINAL_MESSAGE.test(line.trim()) ||
      // "From:" alone may start a sentence; a header block has two more header lines under it.
      (OUTLOOK_HEADER.test(line.trim()) &&
        lines.slice(i + 1, i + 4).filter((next) => OUTLOOK_FOLLOWING.test(next.trim())).length >= 2),
  );
  return start < 0 ? lines : lines.slice(0, start);
}

/**
 * The new part of a reply: quoted messages ("On ... wrote:", "W dniu ... pisze:", Outlook's
 * "From:/Sent:" block, "Original Message"), `>` quoted lines, signatures (`-- `) and "Sent from my
 * phone" footers cut. When that leaves nothing (the resident wrote below the quote), the text is
 * kept whole rather than lost.
 */
export function trimQuotedReply(text: string): string {
  const bounded = text.replace(/\r\n?/g, '\n').slice(0, MAX_REPLY_CHARS);
  const lines = beforeOutlookQuote(bounded.split('\n')).filter((line) => !MOBILE_FOOTER.test(line.trim()));
  // Fragments rather than getVisibleText(), which keeps a quote that has text below it.
  const fragments = new EmailReplyParser().read(lines.join('\n')).getFragments();
  const kept = fragments
    .filter((fragment) => !fragment.isQuoted() && !fragment.isSignature() && !fragment.isHidden())
    .map((fragment) => fragment.getContent());
  return tidy(kept.join('\n')) || tidy(bounded);
}

const POLISH_LETTERS = /[ąćęłńóśźż]/gi;
const POLISH_WORDS = new Set(
  'i w na nie jest się że z do to przy ul ulicy dzień dobry proszę prosze o od jak czy już mam nr jest są oraz bardzo dziękuję dziekuje witam pozdrawiam'.split(
    ' ',
  ),
);
const ENGLISH_WORDS = new Set(
  'the is are and of to in on at there please hello hi thank thanks you your my street near it this that has have been with for not would could since'.split(
    ' ',
  ),
);

/**
 * Polish unless the text is plainly English: most residents write Polish, and a wrong "en" would
 * answer a Polish speaker in English. Counts Polish letters and common words of each language.
 */
export function guessLanguage(text: string): 'pl' | 'en' {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  let polish = (text.match(POLISH_LETTERS) ?? []).length;
  let english = 0;
  for (const word of words) {
    if (POLISH_WORDS.has(word)) polish += 1;
    if (ENGLISH_WORDS.has(word)) english += 1;
  }
  return english >= 3 && english > polish * 2 ? 'en' : 'pl';
}
