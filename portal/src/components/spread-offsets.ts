/** A report marker's width and height in pixels. */
export const DOT_SIZE = 18;

/**
 * Reports at (nearly) the same spot, within about 15 m: a pothole reported by three neighbours.
 * Greedy grouping is enough for a page of a few hundred markers.
 */
const SAME_SPOT_DEGREES = 0.00015;

interface Point {
  lat: number;
  lon: number;
}

/**
 * Pixel offsets that spread markers at the same spot around a circle, so every one can be seen,
 * hovered and clicked at any zoom. The marker stays at its place; only its icon moves.
 */
export function spreadOffsets(markers: Point[]): [number, number][] {
  const groups: { at: Point; members: number[] }[] = [];
  markers.forEach((marker, index) => {
    const group = groups.find(
      ({ at }) =>
        Math.abs(at.lat - marker.lat) < SAME_SPOT_DEGREES &&
        Math.abs(at.lon - marker.lon) < SAME_SPOT_DEGREES * 1.6,
    );
    if (group) group.members.push(index);
    else groups.push({ at: marker, members: [index] });
  });
  const offsets: [number, number][] = markers.map(() => [0, 0]);
  for (const { members } of groups) {
    if (members.length < 2) continue;
    // Neighbours on the circle sit a marker and a half apart, centre to centre.
    const radius = Math.max(DOT_SIZE, (members.length * DOT_SIZE * 1.5) / (2 * Math.PI));
    members.forEach((index, position) => {
      const angle = (2 * Math.PI * position) / members.length - Math.PI / 2;
      offsets[index] = [Math.round(radius * Math.cos(angle)), Math.round(radius * Math.sin(angle))];
    });
  }
  return offsets;
}
