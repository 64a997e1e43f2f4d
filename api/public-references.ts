import { z } from 'zod';

/**
 * The shape of a sealed reference (services/cases/public-references.ts), checked by the schema
 * before the service opens it.
 */
export const sealedReference = (message: string) => z.string().regex(/^[A-Za-z0-9_-]{59}$/, message);
