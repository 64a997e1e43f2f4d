import { MIN_SUGGESTION_CONFIDENCE, usefulSuggestions } from '../../../portal/src/report/useful-suggestions';

/** The report form offers the classifier's suggestions only when they are likely to be right. */
describe('the report form’s problem type suggestions', () => {
  const suggestion = (eventCode: string, confidence: number) => ({
    kind: 'INCIDENT' as const,
    eventCode,
    confidence,
  });

  it('does not offer a guess below the useful confidence, even as the only suggestion', () => {
    expect(usefulSuggestions([suggestion('BIN_OVERFLOW', 0.12)])).toEqual([]);
    expect(usefulSuggestions([suggestion('BIN_OVERFLOW', MIN_SUGGESTION_CONFIDENCE - 0.001)])).toEqual([]);
  });

  it('offers the confident ones, best first, at most three', () => {
    const offered = usefulSuggestions([
      suggestion('A', 0.3),
      suggestion('B', 0.9),
      suggestion('C', 0.05),
      suggestion('D', 0.5),
      suggestion('E', 0.4),
    ]);
    expect(offered.map((s) => s.eventCode)).toEqual(['B', 'D', 'E']);
  });
});
