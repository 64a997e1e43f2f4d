/**
 * Atom 1.0 (RFC 4287) by hand: the document is small and fixed, and writing it here keeps every
 * text escaped in one place.
 */

/** XML 1.0 cannot carry most control characters even escaped; a pasted one would break the feed. */
function isXmlChar(char: string): boolean {
  const code = char.codePointAt(0)!;
  if (code < 0x20) return code === 0x09 || code === 0x0a || code === 0x0d;
  if (code >= 0xd800 && code <= 0xdfff) return false;
  return code !== 0xfffe && code !== 0xffff;
}

export function escapeXml(text: string): string {
  return Array.from(text)
    .filter(isXmlChar)
    .join('')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export interface AtomCategory {
  term: string;
  scheme: string;
  label?: string;
}

export interface AtomEntry {
  id: string;
  title: string;
  summary: string;
  content: string;
  link: string;
  published: Date;
  updated: Date;
  categories: AtomCategory[];
}

export interface AtomFeed {
  id: string;
  lang: string;
  title: string;
  subtitle: string;
  selfUrl: string;
  alternateUrl: string;
  author: string;
  updated: Date;
  entries: AtomEntry[];
}

const text = (name: string, value: string) => `<${name} type="text">${escapeXml(value)}</${name}>`;
const link = (rel: string, href: string, type: string) =>
  `<link rel="${rel}" type="${type}" href="${escapeXml(href)}"/>`;
const category = ({ term, scheme, label }: AtomCategory) =>
  `<category term="${escapeXml(term)}" scheme="${escapeXml(scheme)}"${label ? ` label="${escapeXml(label)}"` : ''}/>`;

export function atomFeed(feed: AtomFeed): string {
  const entries = feed.entries.map((entry) =>
    [
      '  <entry>',
      `    <id>${escapeXml(entry.id)}</id>`,
      `    ${text('title', entry.title)}`,
      `    ${link('alternate', entry.link, 'text/html')}`,
      `    <published>${entry.published.toISOString()}</published>`,
      `    <updated>${entry.updated.toISOString()}</updated>`,
      ...entry.categories.map((c) => `    ${category(c)}`),
      `    ${text('summary', entry.summary)}`,
      `    ${text('content', entry.content)}`,
      '  </entry>',
    ].join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(feed.lang)}">`,
    `  <id>${escapeXml(feed.id)}</id>`,
    `  ${text('title', feed.title)}`,
    `  ${text('subtitle', feed.subtitle)}`,
    `  ${link('self', feed.selfUrl, 'application/atom+xml')}`,
    `  ${link('alternate', feed.alternateUrl, 'text/html')}`,
    `  <updated>${feed.updated.toISOString()}</updated>`,
    `  <author><name>${escapeXml(feed.author)}</name></author>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
