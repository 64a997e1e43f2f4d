import {
  caseNumberFromSlug,
  caseNumberToSlug,
  caseWorkflowId,
  formatCaseNumber,
  parseCaseNumber,
} from '../../../domain/cases/case-number';

describe('case numbers', () => {
  it('read like Warsaw 19115 numbers: running number, slash, two-digit year', () => {
    expect(formatCaseNumber(1, 2026)).toBe('000001/26');
    expect(formatCaseNumber(223820, 2014)).toBe('223820/14');
    expect(formatCaseNumber(1234567, 2030)).toBe('1234567/30');
  });

  it('refuse a sequence that is not a positive integer', () => {
    expect(() => formatCaseNumber(0, 2026)).toThrow(RangeError);
    expect(() => formatCaseNumber(1.5, 2026)).toThrow(RangeError);
  });

  it('parse back and travel in URLs with a dash', () => {
    expect(parseCaseNumber('000123/26')).toEqual({ sequence: 123, yearSuffix: 26 });
    expect(parseCaseNumber('123/26')).toBeNull();
    expect(caseNumberToSlug('000123/26')).toBe('000123-26');
    expect(caseNumberFromSlug('000123-26')).toBe('000123/26');
  });

  it('derive the workflow id from the case id', () => {
    expect(caseWorkflowId('3f1c')).toBe('case-3f1c');
  });
});
