import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { BookingStatus } from '../../domain/bookings/booking-states';
import type { WeeklyHours } from '../../domain/sla/business-calendar';

/** A city office residents book visits at. Opening hours are local Warsaw times per ISO weekday. */
export const BookingOffice = defineEntity({
  name: 'BookingOffice',
  tableName: 'booking_offices',
  properties: {
    id: p.integer().primary().autoincrement(),
    code: p.string().unique(),
    name: p.string(),
    address: p.string(),
    district: p.string().nullable(),
    openingHours: p.json<WeeklyHours>(),
    observesPublicHolidays: p.boolean().default(true),
    active: p.boolean().default(true),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()),
  },
});
export type BookingOffice = InferEntity<typeof BookingOffice>;

/** What a visit is for (registering a car, an ID card...), and how long one takes. */
export const BookingService = defineEntity({
  name: 'BookingService',
  tableName: 'booking_services',
  properties: {
    id: p.integer().primary().autoincrement(),
    code: p.string().unique(),
    namePl: p.string(),
    nameEn: p.string(),
    durationMinutes: p.integer(),
    active: p.boolean().default(true),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()),
  },
});
export type BookingService = InferEntity<typeof BookingService>;

/** A service an office offers, with the number of desks serving it at once. */
export const BookingOfficeService = defineEntity({
  name: 'BookingOfficeService',
  tableName: 'booking_office_services',
  properties: {
    id: p.integer().primary().autoincrement(),
    officeId: p.integer(),
    serviceId: p.integer(),
    desks: p.integer(),
  },
  uniques: [{ properties: ['officeId', 'serviceId'] }],
});
export type BookingOfficeService = InferEntity<typeof BookingOfficeService>;

/** A local date an office is closed on beyond its weekly hours and the statutory days off. */
export const BookingBlackoutDay = defineEntity({
  name: 'BookingBlackoutDay',
  tableName: 'booking_blackout_days',
  properties: {
    id: p.integer().primary().autoincrement(),
    officeId: p.integer(),
    /** `YYYY-MM-DD`. */
    date: p.string().columnType('date'),
    reason: p.string().default(''),
  },
  uniques: [{ properties: ['officeId', 'date'] }],
});
export type BookingBlackoutDay = InferEntity<typeof BookingBlackoutDay>;

/**
 * One visit. The booking workflow owns the status; this row is its projection, and the exclusion
 * constraint on it is what keeps a desk from being booked twice.
 */
export const Booking = defineEntity({
  name: 'Booking',
  tableName: 'bookings',
  properties: {
    id: p.uuid().primary(),
    reference: p.string().unique(),
    tokenHash: p.string().hidden(),
    officeId: p.integer(),
    serviceId: p.integer(),
    slotStart: p.datetime(),
    slotEnd: p.datetime(),
    desk: p.integer(),
    status: p.string().$type<BookingStatus>(),
    channel: p.string().default('PORTAL'),
    contactName: p.string(),
    contactEmail: p.string().nullable(),
    contactPhone: p.string().nullable(),
    language: p.string().default('pl'),
    idempotencyKey: p.string().nullable().unique(),
    requestHash: p.string().nullable(),
    rescheduleCount: p.integer().default(0),
    cancelReason: p.text().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()),
    heldUntil: p.datetime().nullable(),
    confirmedAt: p.datetime().nullable(),
    checkedInAt: p.datetime().nullable(),
    noShowAt: p.datetime().nullable(),
    cancelledAt: p.datetime().nullable(),
    expiredAt: p.datetime().nullable(),
    completedAt: p.datetime().nullable(),
  },
});
export type Booking = InferEntity<typeof Booking>;
