import path from 'node:path';
import testSequencer from '@jest/test-sequencer';

// A CommonJS module whose class is its `default` export; ESM sees module.exports as the default.
const Sequencer = testSequencer.default ?? testSequencer;

/**
 * Files that wait on real clocks whatever the machine does (visits of whole minutes, a killed
 * worker's attempt timeout): started first, they overlap with everything else instead of running
 * alone at the end of the run.
 */
const WAITS_ON_CLOCKS = new Set([
  'bookings.test.ts',
  'worker-restart.test.ts',
  // Each keeps a dependency down for 30 s and waits for the recovery.
  'database-outage.test.ts',
  'temporal-outage.test.ts',
]);

/**
 * jest orders files by their last duration when its cache has one (longest first), otherwise by
 * file size. A fresh clone (CI) has no durations: there, the clock-bound files go first, then the
 * browser files (each drives Chromium for tens of seconds), then the rest by size.
 */
export default class CivicflowSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    if (sorted.some((test) => test.duration != null)) return sorted;
    const rank = (test) =>
      WAITS_ON_CLOCKS.has(path.basename(test.path))
        ? 0
        : test.path.includes(`${path.sep}browser${path.sep}`)
          ? 1
          : 2;
    // Array.prototype.sort is stable: within a rank the default (size) order stays.
    return [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}
