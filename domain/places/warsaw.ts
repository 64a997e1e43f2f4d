import streets from './warsaw-streets.json';
import { NearestStreetsDistrictLocator, type DistrictLocator } from './district-locator';
import { StreetIndex, type StreetRecord } from './streets';

export interface CityPlaces {
  streets: StreetIndex;
  districts: DistrictLocator;
}

let warsaw: CityPlaces | null = null;

/** Warsaw's bundled street list (see db/seed-data/warsaw/README.md), built once per process. */
export function warsawPlaces(): CityPlaces {
  if (!warsaw) {
    const index = new StreetIndex(streets as StreetRecord[]);
    warsaw = { streets: index, districts: new NearestStreetsDistrictLocator(index) };
  }
  return warsaw;
}
