import { AppError } from '../errors';

/** Calls longer than this are a timer left running, not a conversation. */
export const MAX_CALL_SECONDS = 4 * 60 * 60;

export interface CallTimes {
  startedAt: string | null;
  endedAt: string | null;
  durationSeconds: number;
}

/**
 * When a call started and ended and how long it took, from what the clerk gave: a duration wins
 * over the two timestamps (the clerk corrected it); a call without an end ends now.
 */
export function callTimes(
  given: { callStartedAt?: string; callEndedAt?: string; durationSeconds?: number },
  now = new Date(),
): CallTimes {
  const startedAt = given.callStartedAt ? new Date(given.callStartedAt) : null;
  const endedAt = given.callEndedAt ? new Date(given.callEndedAt) : null;
  const durationSeconds =
    given.durationSeconds ??
    // The schema asks for a start when there is no duration; a call without an end ends now.
    Math.max(0, Math.round(((endedAt ?? now).getTime() - startedAt!.getTime()) / 1000));
  if (durationSeconds > MAX_CALL_SECONDS) {
    throw new AppError('UNPROCESSABLE', 'The call would be longer than any call is', {
      fields: [{ field: 'callStartedAt', message: `must be at most ${MAX_CALL_SECONDS / 3600} hours ago` }],
    });
  }
  return {
    startedAt: startedAt?.toISOString() ?? null,
    endedAt:
      endedAt?.toISOString() ??
      (startedAt ? new Date(startedAt.getTime() + durationSeconds * 1000).toISOString() : null),
    durationSeconds,
  };
}
