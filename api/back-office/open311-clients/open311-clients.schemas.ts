import { z } from 'zod';
import { listQuerySchema } from '../list-query';

export const open311ClientRecord = z.object({
  id: z.uuid(),
  name: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  /** Only in the answer that created the client: the key is stored as a hash and never shown again. */
  apiKey: z.string().optional(),
});

export const open311ClientListQuery = listQuerySchema(['name', 'createdAt'] as const, {
  id: z.array(z.uuid()).max(500).optional(),
});

export const open311ClientIdParams = z.object({ id: z.uuid() });

const clientName = z.string().trim().min(2).max(200);

export const createOpen311ClientBody = z.object({ name: clientName }).strict();

export const updateOpen311ClientBody = z.object({
  name: clientName.optional(),
  active: z.boolean().optional(),
});
