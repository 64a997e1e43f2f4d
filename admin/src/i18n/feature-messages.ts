/**
 * Each back-office feature keeps its texts next to its screens, as `{ en, pl }` with `pl` typed
 * against `en` (a missing Polish key fails the type check). They are merged here under the
 * common `civicflow` and `resources` keys.
 */
export interface FeatureMessages {
  en: object;
  pl: object;
}

export function mergeMessages<T extends object>(base: T, ...more: object[]): T {
  const merged = { ...base } as Record<string, unknown>;
  for (const extra of more) {
    for (const [key, value] of Object.entries(extra)) {
      const existing = merged[key];
      merged[key] =
        existing && typeof existing === 'object' && value && typeof value === 'object'
          ? mergeMessages(existing as object, value as object)
          : value;
    }
  }
  return merged as T;
}
