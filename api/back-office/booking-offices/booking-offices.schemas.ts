import { z } from 'zod';
import { openingInterval } from '../../bookings/bookings.schemas';
import { bookingConfigCode } from '../booking-services/booking-services.schemas';
import { databaseId, databaseIdText, supportedDay } from '../../input-rules';
import { listQuerySchema } from '../list-query';

const officeFields = {
  name: z.string().trim().min(2).max(200),
  address: z.string().trim().min(2).max(300),
  district: z.string().trim().max(100).nullable(),
  openingHours: z.array(openingInterval).max(70),
  observesPublicHolidays: z.boolean(),
  active: z.boolean(),
  services: z.array(z.object({ serviceId: databaseId, desks: z.number().int().min(1).max(100) })).max(200),
  blackoutDays: z
    .array(z.object({ date: supportedDay, reason: z.string().trim().max(300).default('') }))
    .max(400),
};

// Blackout days stored before they were limited to the supported range are still shown.
export const bookingOfficeRecord = z.object({
  id: z.number().int(),
  code: z.string(),
  ...officeFields,
  blackoutDays: z.array(z.object({ date: z.string(), reason: z.string() })),
});

export const createBookingOfficeBody = z
  .object({
    code: bookingConfigCode,
    ...officeFields,
    district: officeFields.district.default(null),
    observesPublicHolidays: officeFields.observesPublicHolidays.default(true),
    active: officeFields.active.default(true),
    services: officeFields.services.default([]),
    blackoutDays: officeFields.blackoutDays.default([]),
  })
  .strict();

export const updateBookingOfficeBody = z
  .object({
    name: officeFields.name.optional(),
    address: officeFields.address.optional(),
    district: officeFields.district.optional(),
    openingHours: officeFields.openingHours.optional(),
    observesPublicHolidays: officeFields.observesPublicHolidays.optional(),
    active: officeFields.active.optional(),
    services: officeFields.services.optional(),
    blackoutDays: officeFields.blackoutDays.optional(),
  })
  // react-admin sends the whole record back: its read-only fields are ignored.
  .loose();

export const bookingOfficeListQuery = listQuerySchema(['name', 'code', 'id'] as const, {
  id: z.array(databaseId).max(500).optional(),
  active: z.boolean().optional(),
  q: z.string().trim().max(100).optional(),
});

export const bookingOfficeIdParams = z.object({ id: databaseIdText });
