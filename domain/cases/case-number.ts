/**
 * Case numbers follow Warsaw 19115: a running number within the year, a slash, the two-digit
 * year (`223820/14`). We zero-pad to six digits so numbers sort and read alike.
 */
export function formatCaseNumber(sequence: number, year: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) {
    throw new RangeError(`case sequence must be a positive integer, got ${sequence}`);
  }
  return `${String(sequence).padStart(6, '0')}/${String(year % 100).padStart(2, '0')}`;
}

const CASE_NUMBER = /^(\d{6,})\/(\d{2})$/;

export function parseCaseNumber(value: string): { sequence: number; yearSuffix: number } | null {
  const match = CASE_NUMBER.exec(value);
  if (!match) return null;
  return { sequence: Number(match[1]), yearSuffix: Number(match[2]) };
}

/** URLs cannot carry a raw slash in one path segment: `000123/26` travels as `000123-26`. */
export function caseNumberToSlug(number: string): string {
  return number.replace('/', '-');
}

export function caseNumberFromSlug(slug: string): string {
  return slug.replace(/^(\d{6,})-(\d{2})$/, '$1/$2');
}

/** The workflow id derives from the case id, so a case can never get two workflows. */
export function caseWorkflowId(caseId: string): string {
  return `case-${caseId}`;
}
