import { z } from 'zod';
import { databaseId, databaseIdText, supportedDateTime, supportedDay } from '../input-rules';
import { BOOKING_REFERENCE_PATTERN } from '../../domain/bookings/booking-reference';
import { BOOKING_STATUSES } from '../../domain/bookings/booking-states';

const trimmed = (max: number) => z.string().trim().min(1, 'is required').max(max);

export const serviceCode = z
  .string()
  .regex(/^[A-Z][A-Z0-9_-]{1,63}$/, 'must be a service code such as VEHICLE_REGISTRATION');

const isoDate = supportedDay;

export const openingInterval = z.object({
  weekday: z.number().int().min(1).max(7).describe('ISO weekday: 1 = Monday ... 7 = Sunday'),
  start: z
    .string()
    .regex(/^\d{2}:\d{2}$/, 'must be a time as HH:MM')
    .describe('Local Warsaw time'),
  end: z
    .string()
    .regex(/^\d{2}:\d{2}$/, 'must be a time as HH:MM')
    .describe('Local Warsaw time; 24:00 is midnight'),
});

export const publicService = z.object({
  code: z.string(),
  namePl: z.string(),
  nameEn: z.string(),
  durationMinutes: z.number().int(),
  officeIds: z.array(z.number().int()),
});

export const publicOffice = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  address: z.string(),
  district: z.string().nullable(),
  openingHours: z.array(openingInterval),
  closedOnPublicHolidays: z.boolean(),
  services: z.array(z.object({ code: z.string(), desks: z.number().int() })),
});

export const officesQuery = z.object({
  service: serviceCode.optional().describe('Only offices offering this service'),
});

export const slotsQuery = z.object({
  service: serviceCode.describe('The service to book'),
  office: databaseIdText.optional().describe('Only this office'),
  from: isoDate.describe('First local date (Europe/Warsaw)'),
  to: isoDate.describe('Last local date, at most 31 days after from'),
});

export const slotRecord = z.object({
  officeId: z.number().int(),
  start: z.string().describe('UTC instant'),
  end: z.string(),
  date: z.string().describe('Local date in Warsaw'),
  time: z.string().describe('Local time in Warsaw'),
  freeDesks: z.number().int(),
});

export const createBookingBody = z
  .object({
    service: serviceCode,
    officeId: databaseId,
    slotStart: supportedDateTime('must be an ISO date-time such as 2026-12-14T09:30:00+01:00'),
    contact: z
      .object({
        name: trimmed(200),
        email: z.email('must be an e-mail address').max(254).optional(),
        phone: z
          .string()
          .regex(/^\+?[0-9 ()-]{6,20}$/, 'must be a phone number')
          .optional(),
      })
      .strict()
      .refine((contact) => Boolean(contact.email || contact.phone), {
        message: 'needs an e-mail address or a phone number',
      }),
    language: z.enum(['pl', 'en']).default('pl'),
    confirm: z
      .boolean()
      .default(true)
      .describe('false: only hold the slot until POST .../confirm (or until the hold times out)'),
  })
  .strict();

export const referenceParams = z.object({
  reference: z
    .string()
    .regex(BOOKING_REFERENCE_PATTERN, 'must be a booking reference such as R-26-000123')
    .describe('The booking reference'),
});

export const bookingTokenQuery = z.object({
  token: z.string().min(16).max(64).describe('The token returned when the booking was made'),
});

export const cancelBookingBody = z
  .object({ reason: z.string().trim().max(1000).optional() })
  .strict()
  .default({});

export const rescheduleBookingBody = z
  .object({
    slotStart: supportedDateTime('must be an ISO date-time such as 2026-12-14T09:30:00+01:00'),
    officeId: databaseId.optional().describe('Another office offering the service'),
  })
  .strict();

/** Residents name a booking by its reference and token; the internal id stays in the back office. */
export const publicBooking = z.object({
  reference: z.string(),
  status: z.enum(BOOKING_STATUSES),
  service: z.object({
    code: z.string(),
    namePl: z.string(),
    nameEn: z.string(),
    durationMinutes: z.number(),
  }),
  office: z.object({ id: z.number().int(), name: z.string(), address: z.string() }),
  slotStart: z.string(),
  slotEnd: z.string(),
  heldUntil: z.string().nullable(),
  language: z.string(),
  createdAt: z.string(),
  confirmedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  rescheduleCount: z.number().int(),
  links: z.object({ self: z.string() }),
});

export const createdBooking = publicBooking.extend({
  token: z.string().describe('Keep it: it is shown only in this answer and in the e-mails'),
});
