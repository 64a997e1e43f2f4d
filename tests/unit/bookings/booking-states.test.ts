import { bookingRefusal, type BookingTimes } from '../../../domain/bookings/booking-states';

const slot = { slotStart: '2026-12-14T08:30:00.000Z', slotEnd: '2026-12-14T08:50:00.000Z' };
const at = (iso: string) => ({ now: new Date(iso), noShowGraceSeconds: 600 });
const confirmed: BookingTimes = { status: 'CONFIRMED', ...slot };

describe('what may happen to a booking when', () => {
  it('confirms only a held slot', () => {
    expect(
      bookingRefusal('confirm', { ...confirmed, status: 'HELD' }, at('2026-12-01T00:00:00Z')),
    ).toBeNull();
    expect(bookingRefusal('confirm', confirmed, at('2026-12-01T00:00:00Z'))?.message).toMatch(
      /only a held slot/,
    );
  });

  it('cancels and moves a booking until the visit begins', () => {
    for (const action of ['cancel', 'reschedule'] as const) {
      expect(bookingRefusal(action, confirmed, at('2026-12-14T08:29:59Z'))).toBeNull();
      expect(bookingRefusal(action, { ...confirmed, status: 'HELD' }, at('2026-12-14T08:00:00Z'))).toBeNull();
      expect(bookingRefusal(action, confirmed, at('2026-12-14T08:30:00Z'))?.message).toMatch(/already begun/);
      expect(
        bookingRefusal(action, { ...confirmed, status: 'CHECKED_IN' }, at('2026-12-14T08:00:00Z')),
      ).not.toBeNull();
      expect(
        bookingRefusal(action, { ...confirmed, status: 'CANCELLED' }, at('2026-12-14T08:00:00Z')),
      ).not.toBeNull();
    }
  });

  it('checks a resident in from two hours before the visit', () => {
    expect(bookingRefusal('check-in', confirmed, at('2026-12-14T06:29:00Z'))?.message).toMatch(
      /opens 120 minutes/,
    );
    expect(bookingRefusal('check-in', confirmed, at('2026-12-14T06:30:00Z'))).toBeNull();
    expect(bookingRefusal('check-in', confirmed, at('2026-12-14T09:00:00Z'))).toBeNull();
    expect(
      bookingRefusal('check-in', { ...confirmed, status: 'HELD' }, at('2026-12-14T08:00:00Z')),
    ).not.toBeNull();
    expect(
      bookingRefusal('check-in', { ...confirmed, status: 'NO_SHOW' }, at('2026-12-14T08:40:00Z')),
    ).not.toBeNull();
  });

  it('records a no-show only after the grace period from the start', () => {
    const early = bookingRefusal('no-show', confirmed, at('2026-12-14T08:39:59Z'));
    expect(early?.message).toContain('2026-12-14T08:40:00.000Z');
    expect(bookingRefusal('no-show', confirmed, at('2026-12-14T08:40:00Z'))).toBeNull();
    expect(
      bookingRefusal('no-show', { ...confirmed, status: 'CHECKED_IN' }, at('2026-12-14T09:00:00Z')),
    ).not.toBeNull();
  });
});
