import { CASE_STATUSES } from '../../../domain/cases/case-states';
import { DOT_SIZE, spreadOffsets } from '../../../portal/src/components/spread-offsets';
import { statusGroup } from '../../../portal/src/map/status-groups';

/**
 * The map of reports: every case status falls in one of the legend's three groups, and markers at
 * the same spot are spread so that each one can be seen and clicked.
 */
describe('the map of reports’ markers', () => {
  it('puts each case status in the legend group a resident would expect', () => {
    const groups = Object.fromEntries(CASE_STATUSES.map((status) => [status, statusGroup(status)]));
    expect(groups).toMatchObject({
      NEW: 'new',
      TRIAGE: 'new',
      FORWARDED: 'progress',
      IN_PROGRESS: 'progress',
      WAITING_FOR_RESIDENT: 'progress',
      RESOLVED: 'resolved',
      ANSWERED: 'resolved',
      CLOSED: 'resolved',
    });
  });

  it('leaves lone markers in place and spreads markers at the same spot at least a marker apart', () => {
    const freta = { lat: 52.25207, lon: 21.00883 };
    const points = [
      freta,
      { lat: 52.2, lon: 21.1 },
      { lat: freta.lat + 0.00002, lon: freta.lon - 0.00003 },
      freta,
      freta,
    ];
    const offsets = spreadOffsets(points);
    expect(offsets[1]).toEqual([0, 0]);
    const stacked = [0, 2, 3, 4].map((index) => offsets[index]);
    for (const [i, a] of stacked.entries()) {
      for (const b of stacked.slice(i + 1)) {
        expect(Math.hypot(a[0] - b[0], a[1] - b[1])).toBeGreaterThanOrEqual(DOT_SIZE);
      }
    }
  });
});
