import type { GeoPoint } from './geo';
import type { StreetIndex } from './streets';

export interface DistrictLocation {
  insideCity: boolean;
  /** Null when the point is outside the city or no district can be told. */
  district: string | null;
}

/**
 * Which district a point lies in. The implementation below guesses from street points because
 * the repository has no district boundaries; a city with its boundaries as GeoJSON plugs in
 * {@link PolygonDistrictLocator} (or its own) without changing any caller.
 */
export interface DistrictLocator {
  locate(point: GeoPoint): DistrictLocation;
}

export interface NearestStreetsOptions {
  /** How many nearest street points vote. */
  neighbours: number;
  /** Farther than this from every known street point, a point is taken to be outside the city. */
  cityMarginMeters: number;
  /** Neighbours beyond this distance do not vote (the nearest one always does). */
  voteRadiusMeters: number;
}

const DEFAULT_NEAREST_STREETS_OPTIONS: Readonly<NearestStreetsOptions> = {
  neighbours: 5,
  cityMarginMeters: 2000,
  voteRadiusMeters: 1500,
};

/**
 * An approximation: the district most of the nearest street points belong to, each vote weighted
 * by closeness, and "outside the city" when no street point is within the margin. Good in the
 * middle of a district; near a border, or in a thinly listed outskirt, it can name the neighbour
 * or miss the city altogether, so residents can always correct the district it suggests.
 */
export class NearestStreetsDistrictLocator implements DistrictLocator {
  private readonly options: NearestStreetsOptions;

  constructor(
    private readonly streets: StreetIndex,
    options: Partial<NearestStreetsOptions> = {},
  ) {
    this.options = { ...DEFAULT_NEAREST_STREETS_OPTIONS, ...options };
  }

  locate(point: GeoPoint): DistrictLocation {
    const near = this.streets.nearest(point, this.options.neighbours);
    const nearest = near[0];
    if (!nearest || nearest.distanceMeters > this.options.cityMarginMeters) {
      return { insideCity: false, district: null };
    }
    const votes = new Map<string, number>();
    for (const [i, { street, distanceMeters }] of near.entries()) {
      if (i > 0 && distanceMeters > this.options.voteRadiusMeters) break;
      // The offset keeps one street point a few metres away from outvoting all the others.
      const weight = 1 / (distanceMeters + 100);
      votes.set(street.district, (votes.get(street.district) ?? 0) + weight);
    }
    let best = nearest.street.district;
    for (const [district, weight] of votes) {
      if (weight > (votes.get(best) ?? 0)) best = district;
    }
    return { insideCity: true, district: best };
  }
}

/** A GeoJSON ring: [lon, lat] positions, the first repeated as the last. */
type Ring = [number, number][];

export interface DistrictBoundaryFeature {
  type: 'Feature';
  properties: { name: string } & Record<string, unknown>;
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

/** Even-odd ray casting in lon/lat, exact enough at city scale. */
function insideRing(point: GeoPoint, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > point.lat !== yj > point.lat && point.lon < ((xj - xi) * (point.lat - yi)) / (yj - yi) + xi) {
      inside = !inside;
    }
  }
  return inside;
}

function insidePolygon(point: GeoPoint, rings: Ring[]): boolean {
  const [outer, ...holes] = rings;
  return !!outer && insideRing(point, outer) && !holes.some((hole) => insideRing(point, hole));
}

/**
 * Exact: the district whose boundary (GeoJSON Polygon or MultiPolygon features, WGS84, with the
 * district's name in `properties.name`) contains the point; outside them all is outside the city.
 */
export class PolygonDistrictLocator implements DistrictLocator {
  constructor(private readonly features: readonly DistrictBoundaryFeature[]) {}

  locate(point: GeoPoint): DistrictLocation {
    for (const feature of this.features) {
      const polygons =
        feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
      if (polygons.some((rings) => insidePolygon(point, rings))) {
        return { insideCity: true, district: feature.properties.name };
      }
    }
    return { insideCity: false, district: null };
  }
}
