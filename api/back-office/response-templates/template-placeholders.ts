/**
 * The placeholders a response template may use, filled from the case when a clerk picks the
 * template. Shared by the API (which refuses unknown ones, so a typo is caught when the template is
 * saved rather than in a resident's mailbox) and the back office (which fills them). No imports:
 * the back-office bundle includes this file.
 */
export const TEMPLATE_PLACEHOLDERS = ['caseNumber', 'eventName', 'unitName'] as const;
export type TemplatePlaceholder = (typeof TEMPLATE_PLACEHOLDERS)[number];

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Names inside `{{ }}` that are not placeholders, in order of appearance, each once. */
export function unknownPlaceholders(body: string): string[] {
  const names = [...body.matchAll(PLACEHOLDER)].map((match) => match[1]);
  return [...new Set(names.filter((name) => !(TEMPLATE_PLACEHOLDERS as readonly string[]).includes(name)))];
}

/**
 * The body with every placeholder that has a value replaced. One without a value (a case with no
 * unit yet) stays as written, for the person sending the note to see and fill in by hand.
 */
export function fillTemplate(
  body: string,
  values: Partial<Record<TemplatePlaceholder, string | null | undefined>>,
): { text: string; unfilled: TemplatePlaceholder[] } {
  const unfilled = new Set<TemplatePlaceholder>();
  const text = body.replace(PLACEHOLDER, (whole, name: string) => {
    if (!(TEMPLATE_PLACEHOLDERS as readonly string[]).includes(name)) return whole;
    const value = values[name as TemplatePlaceholder];
    if (value) return value;
    unfilled.add(name as TemplatePlaceholder);
    return whole;
  });
  return { text, unfilled: [...unfilled] };
}
