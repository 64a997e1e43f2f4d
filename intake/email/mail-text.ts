/**
 * Plain text out of residents' e-mail: HTML bodies turned into text (nothing of the markup is
 * kept, scripts and styles are dropped with their content), quoted replies and signatures cut,
 * and a simple guess of the language the resident wrote in. Pure functions, no I/O.
 */

/** Content of these elements is never text a resident wrote for us. */
const DROPPED_ELEMENTS = new Set([
  'script',
  'style',
  'head',
  'title',
  'template',
  'noscript',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'select',
  'textarea',
]);

const BLOCK_ELEMENTS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'center',
  'dd',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tbody',
  'tfoot',
  'thead',
  'tr',
  'ul',
]);

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  shy: '',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  laquo: '«',
  raquo: '»',
  bdquo: '„',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  sbquo: '‚',
  bull: '•',
  middot: '·',
  deg: '°',
  euro: '€',
  copy: '©',
  reg: '®',
  sect: '§',
  times: '×',
  oacute: 'ó',
  Oacute: 'Ó',
  aogon: 'ą',
  Aogon: 'Ą',
  cacute: 'ć',
  Cacute: 'Ć',
  eogon: 'ę',
  Eogon: 'Ę',
  lstrok: 'ł',
  Lstrok: 'Ł',
  nacute: 'ń',
  Nacute: 'Ń',
  sacute: 'ś',
  Sacute: 'Ś',
  zacute: 'ź',
  Zacute: 'Ź',
  zdot: 'ż',
  Zdot: 'Ż',
  auml: 'ä',
  ouml: 'ö',
  uuml: 'ü',
  Auml: 'Ä',
  Ouml: 'Ö',
  Uuml: 'Ü',
  szlig: 'ß',
  eacute: 'é',
  Eacute: 'É',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]{1,31});/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      // NUL, surrogates and out-of-range code points are what a browser would replace too.
      if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\uFFFD';
      return String.fromCodePoint(code);
    }
    return NAMED_ENTITIES[name] ?? whole;
  });
}

const TOKEN =
  /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<[!?][^>]*>?|<\/?([a-zA-Z][a-zA-Z0-9:-]*)\b(?:[^>"']|"[^"]*"|'[^']*')*>?/g;

/**
 * The text a reader of the HTML would see, as plain text: block elements and `<br>` become line
 * breaks, list items dashes, quoted parts (`<blockquote>`) lines starting with `> ` so the reply
 * trimmer treats them like quotes in a text mail. Markup never survives: a `<` that does not open
 * a tag stays as text, everything else is dropped.
 */
export function htmlToText(html: string): string {
  let out = '';
  let quoteDepth = 0;
  let dropping: string | null = null;
  let atLineStart = true;
  let preDepth = 0;

  const newline = () => {
    out += '\n';
    atLineStart = true;
  };
  // Blocks start on a line of their own; only <br> makes empty lines.
  const blockBreak = () => {
    if (!atLineStart) newline();
  };
  const emit = (raw: string) => {
    let text = decodeEntities(raw);
    if (preDepth === 0) text = text.replace(/[\s\u00a0]+/g, ' ');
    for (const [index, part] of text.split('\n').entries()) {
      if (index > 0) newline();
      const collapse = atLineStart || (preDepth === 0 && out.endsWith(' '));
      const piece = collapse ? part.replace(/^ +/, '') : part;
      if (!piece) continue;
      if (atLineStart && quoteDepth > 0) out += '> '.repeat(quoteDepth);
      out += piece;
      atLineStart = false;
    }
  };

  let last = 0;
  for (const match of html.matchAll(TOKEN)) {
    const between = html.slice(last, match.index);
    last = match.index + match[0].length;
    if (!dropping && between) emit(between);
    const name = match[1]?.toLowerCase();
    if (!name) continue;
    const closing = match[0].startsWith('</');
    if (dropping) {
      if (closing && name === dropping) dropping = null;
      continue;
    }
    if (DROPPED_ELEMENTS.has(name)) {
      if (!closing && !match[0].endsWith('/>')) dropping = name;
      continue;
    }
    if (name === 'br') {
      newline();
      continue;
    }
    if (name === 'pre') preDepth = Math.max(0, preDepth + (closing ? -1 : 1));
    if (name === 'blockquote') {
      blockBreak();
      quoteDepth = Math.max(0, quoteDepth + (closing ? -1 : 1));
      continue;
    }
    if (name === 'td' || name === 'th') {
      if (!closing && !atLineStart) out += ' ';
      continue;
    }
    if (BLOCK_ELEMENTS.has(name)) {
      blockBreak();
      if (name === 'li' && !closing) emit('- ');
    }
  }
  if (!dropping) emit(html.slice(last));
  return tidy(out);
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

/** Where a quoted earlier message starts in a reply, as mail clients in Polish and English write it. */
const QUOTE_HEADER_START = /^(on|w dniu|dnia|am|le)\s.+/i;
const QUOTE_HEADER_END = /(wrote|napisał\(a\)|napisał|napisała|pisze|schrieb|a écrit)\s*:\s*$/i;
const ORIGINAL_MESSAGE =
  /^-{2,}\s*(original message|wiadomość oryginalna|oryginalna wiadomość|reply message)\s*-{2,}\s*$/i;
const OUTLOOK_HEADER = /^\*?(from|od|nadawca):\*?\s.+/i;
const OUTLOOK_FOLLOWING = /^\*?(sent|wysłano|wysłane|date|data|to|do|subject|temat):\*?\s/i;
const MOBILE_FOOTER =
  /^(sent from my .+|wysłane z (mojego )?(iphone|ipad|telefonu|urządzenia|.*android).*|get outlook for .+|pobierz outlook .+)$/i;

/**
 * The new part of a reply: cut at the first signature delimiter (`-- `) or quoted-message header
 * ("On ... wrote:", "W dniu ... pisze:", Outlook's "From:/Sent:" block, "Original Message"), then
 * drop `>` quoted lines and "Sent from my phone" footers. When that leaves nothing (the resident
 * wrote below the quote), the text is kept whole rather than lost.
 */
export function trimQuotedReply(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let end = lines.length;
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i].trim();
    const next = (lines[i + 1] ?? '').trim();
    const signature = lines[i] === '-- ' || lines[i] === '--';
    const quoteHeader =
      QUOTE_HEADER_START.test(line) &&
      (QUOTE_HEADER_END.test(line) || (QUOTE_HEADER_END.test(next) && next.length < 80));
    const outlook =
      OUTLOOK_HEADER.test(line) &&
      lines.slice(i + 1, i + 4).filter((l) => OUTLOOK_FOLLOWING.test(l.trim())).length >= 2;
    if (signature || quoteHeader || ORIGINAL_MESSAGE.test(line) || outlook) {
      end = i;
      break;
    }
  }
  const kept = lines.slice(0, end).filter((line) => !/^\s*>/.test(line) && !MOBILE_FOOTER.test(line.trim()));
  const trimmed = tidy(kept.join('\n'));
  return trimmed || tidy(text.replace(/\r\n?/g, '\n'));
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
