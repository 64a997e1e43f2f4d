import { z } from 'zod';
import { databaseId, supportedDateTime, supportedDay } from '../../input-rules';
import { listQuerySchema } from '../list-query';

/** A day ("2026-11-29", a whole day in Warsaw) or an instant with its offset. */
const dayOrInstant = z.union([supportedDay, supportedDateTime()]);

const resourceName = z.string().regex(/^[a-z0-9-]{1,64}$/, 'must be a resource name like routing-rules');

export const configChangeRecord = z.object({
  id: z.number().int(),
  /** The account's id when it was made; null for changes made by the system. */
  actorId: z.uuid().nullable(),
  /** The username at the time of the change ("system" when no one was signed in). */
  actor: z.string(),
  resource: z.string(),
  recordId: z.string(),
  action: z.string(),
  /** Per changed field, the value before and after (secrets only as "[secret]"). */
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
  createdAt: z.string(),
});

export const configChangeListQuery = listQuerySchema(['id', 'createdAt'] as const, {
  id: z.array(databaseId).max(500).optional(),
  /** One resource, or several. */
  resource: z.union([resourceName, z.array(resourceName).max(20)]).optional(),
  recordId: z.string().trim().min(1).max(255).optional(),
  /** The actor's username, case-insensitive. */
  actor: z.string().trim().min(1).max(255).optional(),
  /** From this day (in Warsaw) or instant on. */
  from: dayOrInstant.optional(),
  /** Up to the end of this day (in Warsaw), or up to this instant. */
  to: dayOrInstant.optional(),
});
