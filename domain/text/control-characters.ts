/**
 * Control characters in text people send: one rule for every route and channel. HTTP routes and
 * chat sockets refuse them (api/input-rules.ts); mail, which cannot be answered with a 400, has
 * them removed (intake/email/).
 */

/**
 * C0 control characters other than tab, line feed and carriage return, DEL, and the C1 controls
 * (U+0080-U+009F). Nobody types them; PostgreSQL refuses U+0000 in text outright, the others break
 * CSV, XML and mail headers, and C1 controls only come from text decoded with the wrong charset.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is this rule's job
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

const codePoint = (character: string) =>
  `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Parsed JSON, form and query objects only: never a stream, buffer or anything with cycles. Query
 * and form parsers build their objects on a prototype that itself has none (fast-querystring).
 */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (!value || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value) as object | null;
  return prototype === null || prototype === Object.prototype || Object.getPrototypeOf(prototype) === null;
}

/** The first string in `value` (any depth) holding a control character: its path and the character. */
export function findControlCharacter(
  value: unknown,
  root: string,
): { field: string; character: string } | null {
  // Iterative, so a deeply nested body cannot overflow the stack.
  const pending: [unknown, string][] = [[value, root]];
  while (pending.length > 0) {
    const [item, path] = pending.pop()!;
    if (typeof item === 'string') {
      const found = CONTROL_CHARACTER.exec(item);
      if (found) return { field: path, character: codePoint(found[0]) };
    } else if (Array.isArray(item)) {
      item.forEach((entry, i) => pending.push([entry, `${path}.${i}`]));
    } else if (isPlainObject(item)) {
      for (const [key, entry] of Object.entries(item)) {
        const field = `${path}.${key}`;
        const inKey = CONTROL_CHARACTER.exec(key);
        if (inKey) return { field, character: codePoint(inKey[0]) };
        pending.push([entry, field]);
      }
    }
  }
  return null;
}

/** The text without control characters (tab and line breaks stay). */
export function stripControlCharacters(text: string): string {
  return text.replace(new RegExp(CONTROL_CHARACTER.source, 'g'), '');
}
