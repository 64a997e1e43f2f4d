import { AppError } from '../../domain/errors';

/**
 * Intake names its fields after the case; a clerk's form may name some of them differently. A
 * refusal of intake is rethrown with the form's names (`renamed`: intake's name to the form's).
 */
export function inFormFields(error: unknown, renamed: Record<string, string>): unknown {
  if (!(error instanceof AppError)) return error;
  const fields = error.details.fields;
  if (!fields?.length) return error;
  return new AppError(error.code, error.message, {
    ...error.details,
    fields: fields.map((f) => ({ field: renamed[f.field] ?? f.field, message: f.message })),
  });
}
