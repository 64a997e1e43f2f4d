import type { Suggestion } from '../api-types';

/**
 * Below this the classifier is guessing (its confidences are calibrated: 0.25 is right about one
 * time in four). Such a guess, offered as a "match", reads as the answer and sends the report to
 * the wrong unit; without it the resident picks from the list or leaves it to the contact center.
 */
export const MIN_SUGGESTION_CONFIDENCE = 0.25;

const MAX_SUGGESTIONS = 3;

/** The suggestions worth offering, best first; none when the classifier is unsure. */
export function usefulSuggestions(suggestions: Suggestion[]): Suggestion[] {
  return suggestions
    .filter((suggestion) => suggestion.confidence >= MIN_SUGGESTION_CONFIDENCE)
    .sort((a, b) => b.confidence - a.confidence)
    .slice(0, MAX_SUGGESTIONS);
}
