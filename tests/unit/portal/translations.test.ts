import fs from 'node:fs';
import path from 'node:path';
import { messages } from '../../../portal/src/i18n/messages';

/** Every text with its dotted key. */
function texts(tree: object, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === 'object') {
      for (const [inner, text] of texts(value as object, full)) found.set(inner, text);
    } else {
      found.set(full, String(value));
    }
  }
  return found;
}

const placeholders = (text: string) => [...new Set(text.match(/\{\w+\}/g) ?? [])].sort();

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/**
 * Residents read the portal in Polish or English: neither may show a raw key or lose a placeholder.
 * (Polish is typed against English, so tsc already refuses a missing key; this also checks the
 * placeholders and that every key the pages ask for exists.)
 */
describe('the portal’s translations', () => {
  const english = texts(messages.en);
  const polish = texts(messages.pl);

  it('have the same keys in Polish and English', () => {
    expect([...polish.keys()].sort()).toEqual([...english.keys()].sort());
    expect(english.size).toBeGreaterThan(300);
  });

  it('keep every placeholder of the English text', () => {
    for (const [key, text] of english) {
      expect({ key, placeholders: placeholders(polish.get(key) ?? '') }).toEqual({
        key,
        placeholders: placeholders(text),
      });
    }
  });

  it('have a text for every key the pages ask for by name', () => {
    const root = path.join(__dirname, '..', '..', '..', 'portal', 'src');
    const missing: string[] = [];
    let asked = 0;
    for (const file of sourceFiles(root)) {
      const source = fs.readFileSync(file, 'utf8');
      // t('feature.key') with a literal key; keys built at run time (`report.status.${s}`) are
      // checked by the pages' browser tests.
      for (const match of source.matchAll(/\bt\(\s*'([A-Za-z0-9_.]+)'/g)) {
        asked += 1;
        if (!english.has(match[1])) missing.push(`${path.relative(root, file)}: ${match[1]}`);
      }
    }
    expect(missing).toEqual([]);
    expect(asked).toBeGreaterThan(300);
  });
});
