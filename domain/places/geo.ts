export interface GeoPoint {
  lat: number;
  lon: number;
}

/** Mean Earth radius (IUGG), the same the duplicate search in SQL uses. */
const EARTH_RADIUS_METERS = 6_371_000;

/** Great-circle distance in metres; within a city the error against the ellipsoid is under 0.5%. */
export function haversineMeters(a: GeoPoint, b: GeoPoint): number {
  const toRadians = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = toRadians(b.lat - a.lat);
  const dLon = toRadians(b.lon - a.lon);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)));
}
