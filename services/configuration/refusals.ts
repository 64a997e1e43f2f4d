import { CheckConstraintViolationException, UniqueConstraintViolationException } from '@mikro-orm/core';
import { AppError, type FieldProblem } from '../../domain/errors';

/**
 * How the configuration services refuse a change: with answers that name the field, as
 * react-admin's forms show them next to their inputs, also when the database itself refuses.
 */

/** 422 with one message per field. */
export function unprocessable(problems: FieldProblem[]): AppError {
  return new AppError('UNPROCESSABLE', problems.map((p) => `${p.field}: ${p.message}`).join('; '), {
    fields: problems,
  });
}

/** 409 for a value that must be unique, naming the field so the form marks it. */
export function conflict(field: string, message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('CONFLICT', message, { ...details, fields: [{ field, message }] });
}

/** A value that must be unique: the field a taken one is reported on, and what the 409 says. */
export interface UniqueField {
  field: string;
  message: string;
}

/** What the database's own refusals answer: a unique value taken, or a check constraint failed. */
export interface DatabaseRefusals {
  unique?: UniqueField;
  check?: AppError;
}

/** A race between the checks in code and the write still ends in a 4xx naming the field, not a 500. */
export async function translateRefusals<T>(
  work: () => Promise<T>,
  refusals: DatabaseRefusals = {},
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (refusals.unique && error instanceof UniqueConstraintViolationException) {
      throw conflict(refusals.unique.field, refusals.unique.message);
    }
    if (refusals.check && error instanceof CheckConstraintViolationException) throw refusals.check;
    throw error;
  }
}
