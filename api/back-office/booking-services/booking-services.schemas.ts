import { z } from 'zod';
import { databaseId, databaseIdText } from '../../input-rules';
import { listQuerySchema } from '../list-query';

/** The code of an office or a service, chosen once. */
export const bookingConfigCode = z
  .string()
  .trim()
  .regex(/^[A-Z][A-Z0-9_-]{1,63}$/, 'must be upper-case letters, digits, - or _');

const serviceFields = {
  namePl: z.string().trim().min(2).max(200),
  nameEn: z.string().trim().min(2).max(200),
  durationMinutes: z.number().int().min(1).max(480),
  active: z.boolean(),
};

export const bookingServiceRecord = z.object({ id: z.number().int(), code: z.string(), ...serviceFields });

export const createBookingServiceBody = z
  .object({ code: bookingConfigCode, ...serviceFields, active: serviceFields.active.default(true) })
  .strict();

export const updateBookingServiceBody = z
  .object({
    namePl: serviceFields.namePl.optional(),
    nameEn: serviceFields.nameEn.optional(),
    durationMinutes: serviceFields.durationMinutes.optional(),
    active: serviceFields.active.optional(),
  })
  // react-admin sends the whole record back: its read-only fields are ignored.
  .loose();

export const bookingServiceListQuery = listQuerySchema(['namePl', 'code', 'id', 'durationMinutes'] as const, {
  id: z.array(databaseId).max(500).optional(),
  active: z.boolean().optional(),
  q: z.string().trim().max(100).optional(),
});

export const bookingServiceIdParams = z.object({ id: databaseIdText });
