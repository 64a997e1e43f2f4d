import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import {
  SlotTakenError,
  SlotUnavailableError,
  bookableSlot,
  loadOfferings,
  withFreeDesk,
} from './booking-store';
import { bookingToken, bookingTokenHash } from './booking-token';
import type { Config } from '../../config/config';
import type { BookingChannel } from '../../domain/bookings/booking-states';
import { Booking, BookingService } from '../../db/entities';
import type { Orm } from '../../db/orm';
import { bookingWorkflowId, formatBookingReference } from '../../domain/bookings/booking-reference';
import { warsawToday } from '../../domain/bookings/slots';
import { AppError } from '../../domain/errors';
import { requestHash } from '../cases/accept-case';
import {
  BOOKING_WORKFLOW_TYPE,
  type BookingSettings,
  type BookingWorkflowInput,
} from '../../workflows/booking.messages';

const START_DEADLINE_MS = 5000;

export interface BookingDeps {
  orm: Orm;
  temporal: Client;
  config: Config;
}

export interface NewBooking {
  serviceCode: string;
  officeId: number;
  slotStart: Date;
  contact: { name: string; email: string | null; phone: string | null };
  language: 'pl' | 'en';
  channel: BookingChannel;
  confirm: boolean;
}

export interface CreatedBooking {
  row: Booking;
  token: string;
  /** False when an earlier request with the same idempotency key made it. */
  created: boolean;
}

export function bookingSettings(config: Config): BookingSettings {
  return {
    holdSeconds: config.bookings.holdSeconds,
    reminderLeadSeconds: config.bookings.reminderLeadSeconds,
    noShowGraceSeconds: config.bookings.noShowGraceSeconds,
  };
}

class IdempotentReplay extends Error {}

const unprocessable = (field: string, message: string, summary: string) =>
  new AppError('UNPROCESSABLE', summary, { fields: [{ field, message }] });

/**
 * Books a visit: checks the slot against the office's schedule, takes the lowest free desk in one
 * transaction (the exclusion constraint refuses a second visit at the same desk and time, so of
 * concurrent requests for the last desk exactly one wins and the others get a 409), then starts
 * the booking's workflow. A replay with the same Idempotency-Key returns the first booking.
 */
export async function createBooking(
  deps: BookingDeps,
  input: NewBooking,
  options: { idempotencyKey?: string; hashOf?: unknown } = {},
): Promise<CreatedBooking> {
  const em = deps.orm.em.fork();
  const hash = options.idempotencyKey ? requestHash(options.hashOf ?? input) : null;
  const replay = async () =>
    options.idempotencyKey ? findReplay(deps, em.fork(), options.idempotencyKey, hash) : null;

  const earlier = await replay();
  if (earlier) return earlier;

  const service = await em.findOne(BookingService, { code: input.serviceCode, active: true });
  if (!service)
    throw unprocessable('service', 'unknown or inactive service', `No service ${input.serviceCode}`);
  const [offering] = await loadOfferings(em, { serviceId: service.id, officeId: input.officeId });
  if (!offering) {
    throw unprocessable(
      'officeId',
      `does not offer ${service.code}`,
      `Office ${input.officeId} does not take bookings for ${service.code}`,
    );
  }
  const now = new Date();
  let slot;
  try {
    slot = bookableSlot(offering, input.slotStart, now);
  } catch (error) {
    if (error instanceof SlotUnavailableError) throw unprocessable('slotStart', error.message, error.message);
    throw error;
  }

  const id = randomUUID();
  const token = bookingToken(deps.config.secret, id);
  const heldUntil = input.confirm ? null : new Date(now.getTime() + deps.config.bookings.holdSeconds * 1000);
  let row: Booking;
  try {
    row = await withFreeDesk(
      em,
      {
        officeId: offering.office.id,
        serviceId: service.id,
        desks: offering.desks,
        start: slot.start,
        end: slot.end,
      },
      async (tx, desk) => {
        const [{ sequence }] = await tx.execute<{ sequence: string }[]>(
          `select nextval('booking_reference_seq') as sequence`,
        );
        const reference = formatBookingReference(Number(sequence), Number(warsawToday(now).slice(0, 4)));
        const inserted = await tx.execute<{ id: string }[]>(
          `insert into bookings (id, reference, token_hash, office_id, service_id, slot_start, slot_end, desk,
             status, channel, contact_name, contact_email, contact_phone, language, idempotency_key,
             request_hash, created_at, updated_at, held_until, confirmed_at)
           values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           on conflict (idempotency_key) do nothing
           returning id`,
          [
            id,
            reference,
            bookingTokenHash(token),
            offering.office.id,
            service.id,
            slot.start,
            slot.end,
            desk,
            input.confirm ? 'CONFIRMED' : 'HELD',
            input.channel,
            input.contact.name,
            input.contact.email,
            input.contact.phone,
            input.language,
            options.idempotencyKey ?? null,
            hash,
            now,
            now,
            heldUntil,
            input.confirm ? now : null,
          ],
        );
        // A concurrent request with the same key won: its booking is the answer.
        if (inserted.length === 0) throw new IdempotentReplay();
        return tx.findOneOrFail(Booking, { id });
      },
    );
  } catch (error) {
    if (error instanceof IdempotentReplay || error instanceof SlotTakenError) {
      // A same-key request that took the slot first also looks like a taken slot: it is a replay.
      const first = await replay();
      if (first) return first;
    }
    if (error instanceof SlotTakenError) {
      throw new AppError('CONFLICT', error.message, {
        reason: 'SLOT_TAKEN',
        slotStart: slot.start.toISOString(),
      });
    }
    throw error;
  }

  await startBookingWorkflow(deps, em, row);
  return { row, token, created: true };
}

async function findReplay(
  deps: BookingDeps,
  em: EntityManager,
  key: string,
  hash: string | null,
): Promise<CreatedBooking | null> {
  const existing = await em.findOne(Booking, { idempotencyKey: key }, { refresh: true });
  if (!existing) return null;
  if (existing.requestHash !== hash) {
    // Nothing about the stored booking: its reference is not the business of whoever reused the key.
    throw new AppError(
      'IDEMPOTENCY_CONFLICT',
      'This Idempotency-Key was already used with a different request body',
    );
  }
  return { row: existing, token: bookingToken(deps.config.secret, existing.id), created: false };
}

/**
 * Without its workflow a held slot would never be released and no mail would go out, so a booking
 * whose workflow cannot start is taken back and the resident asked to try again.
 */
async function startBookingWorkflow(deps: BookingDeps, em: EntityManager, row: Booking): Promise<void> {
  const input: BookingWorkflowInput = {
    bookingId: row.id,
    reference: row.reference,
    status: row.status === 'HELD' ? 'HELD' : 'CONFIRMED',
    heldUntil: row.heldUntil?.toISOString() ?? null,
    slot: {
      officeId: row.officeId,
      slotStart: row.slotStart.toISOString(),
      slotEnd: row.slotEnd.toISOString(),
      desk: row.desk,
    },
    settings: bookingSettings(deps.config),
  };
  try {
    await deps.temporal.connection.withDeadline(Date.now() + START_DEADLINE_MS, () =>
      deps.temporal.workflow.start(BOOKING_WORKFLOW_TYPE, {
        workflowId: bookingWorkflowId(row.id),
        taskQueue: deps.config.temporal.taskQueue,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      }),
    );
  } catch {
    await em.fork().execute(`delete from bookings where id = ?`, [row.id]);
    throw new AppError(
      'DEPENDENCY_UNAVAILABLE',
      'Bookings are unavailable right now: please try again in a moment',
      {
        dependency: 'temporal',
      },
    );
  }
}
