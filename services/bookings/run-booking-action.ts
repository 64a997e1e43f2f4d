import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import { bookingWorkflowId } from '../../domain/bookings/booking-reference';
import { AppError } from '../../domain/errors';
import {
  bookingActionUpdate,
  type BookingActionRequest,
  type BookingWorkflowState,
} from '../../workflows/booking.messages';

/**
 * Runs an action on a booking's workflow and maps refusals to the one error type: a slot someone
 * else holds is a 409 CONFLICT, a slot outside the schedule a 422 naming `slotStart`, a change the
 * booking's state does not allow (or a finished booking) a 409 INVALID_TRANSITION.
 */
export async function runBookingAction(
  temporal: Client,
  bookingId: string,
  request: BookingActionRequest,
): Promise<BookingWorkflowState> {
  try {
    return await temporal.workflow
      .getHandle(bookingWorkflowId(bookingId))
      .executeUpdate(bookingActionUpdate, {
        args: [request],
      });
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
      const { type, message } = error.cause;
      if (type === 'SLOT_TAKEN') throw new AppError('CONFLICT', message, { reason: 'SLOT_TAKEN' });
      if (type === 'SLOT_UNAVAILABLE') {
        throw new AppError('UNPROCESSABLE', message, { fields: [{ field: 'slotStart', message }] });
      }
      throw new AppError('INVALID_TRANSITION', message, { action: request.action });
    }
    if (error instanceof WorkflowNotFoundError) {
      throw new AppError('INVALID_TRANSITION', 'The booking is finished and takes no more changes', {
        action: request.action,
      });
    }
    throw error;
  }
}
