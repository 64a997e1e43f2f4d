import { englishMessagesAll } from '../../../admin/src/i18n/en';
import { polishMessagesAll } from '../../../admin/src/i18n/pl';

/** Every text with its path; paths are arrays because field keys contain dots ('location.street'). */
function texts(messages: object, path: string[] = []): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    if (value && typeof value === 'object') {
      for (const [inner, text] of texts(value as object, [...path, key])) found.set(inner, text);
    } else {
      found.set(JSON.stringify([...path, key]), String(value));
    }
  }
  return found;
}

// Polish plurals repeat %{smart_count} in three forms where English has two: compare the sets.
const placeholders = (text: string) => [...new Set(text.match(/%\{\w+\}/g) ?? [])].sort();

/** Clerks work in Polish all day: no screen may fall back to an untranslated key. */
describe('the back office translations', () => {
  const english = texts(englishMessagesAll);
  const polish = texts(polishMessagesAll);

  it('have the same keys in Polish and English', () => {
    expect([...polish.keys()].sort()).toEqual([...english.keys()].sort());
    expect(english.size).toBeGreaterThan(200);
  });

  it('keep every placeholder of the English text', () => {
    for (const [key, text] of english) {
      expect({ key, placeholders: placeholders(polish.get(key) ?? '') }).toEqual({
        key,
        placeholders: placeholders(text),
      });
    }
  });
});
