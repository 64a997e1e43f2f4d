import proj4 from 'proj4';

/**
 * Positions in the legacy export. The city wrote PL-2000 grid metres ("Długość geograficzna" holds
 * the easting, about 7,500,000 in Warsaw's zone 7; "Szerokość geograficzna" the northing, about
 * 5,800,000), sometimes WGS84 degrees, often nothing. The conversion is proj4's, with the EPSG
 * definitions of the PL-2000 zones (GRS80, transverse Mercator, scale 0.999923 on the central
 * meridian, false easting zone × 1,000,000 + 500,000 m): no formulas of our own.
 */

export const WGS84 = 'EPSG:4326';

/** PL-2000 zones by the leading digit of their eastings (EPSG:2176-2179); Warsaw lies in zone 7. */
export const PL2000_ZONES = [
  { zone: 5, epsg: 'EPSG:2176', centralMeridian: 15 },
  { zone: 6, epsg: 'EPSG:2177', centralMeridian: 18 },
  { zone: 7, epsg: 'EPSG:2178', centralMeridian: 21 },
  { zone: 8, epsg: 'EPSG:2179', centralMeridian: 24 },
] as const;
export type Pl2000Zone = (typeof PL2000_ZONES)[number];

/** The proj4 definition EPSG publishes for a PL-2000 zone. */
export function pl2000Definition(zone: Pl2000Zone): string {
  return (
    `+proj=tmerc +lat_0=0 +lon_0=${zone.centralMeridian} +k=0.999923 +x_0=${zone.zone * 1_000_000 + 500_000} ` +
    '+y_0=0 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs +type=crs'
  );
}

for (const zone of PL2000_ZONES) proj4.defs(zone.epsg, pl2000Definition(zone));

/** One converter per zone: proj4(from, to, point) would parse both definitions for every point. */
const converters = new Map(PL2000_ZONES.map((zone) => [zone.epsg, proj4(zone.epsg, WGS84)]));

export interface GridPoint {
  easting: number;
  northing: number;
}

export interface LegacyPosition {
  lat: number;
  lon: number;
  /** What the file held: grid metres of a PL-2000 zone (its EPSG code) or WGS84 degrees. */
  system: Pl2000Zone['epsg'] | typeof WGS84;
}

/** Seven decimals of a degree are about a centimetre: more than the source ever held. */
const round7 = (value: number) => Math.round(value * 1e7) / 1e7;

export function pl2000ToWgs84(
  point: GridPoint,
  zone: Pl2000Zone = PL2000_ZONES[2],
): { lat: number; lon: number } {
  const [lon, lat] = converters.get(zone.epsg)!.forward([point.easting, point.northing]);
  return { lat: lat, lon: lon };
}

export function wgs84ToPl2000(
  point: { lat: number; lon: number },
  zone: Pl2000Zone = PL2000_ZONES[2],
): GridPoint {
  const [easting, northing] = converters.get(zone.epsg)!.inverse([point.lon, point.lat]);
  return { easting, northing };
}

/** Poland, generously: what a position in a Polish city's export can be. */
const POLAND = { minLat: 48.9, maxLat: 55, minLon: 14, maxLon: 24.2 };
/** Northings of Poland in PL-2000 (49°N is about 5,430 km from the equator, 55°N about 6,100 km). */
const PL2000_NORTHINGS = { min: 5_400_000, max: 6_120_000 };
/** Within a zone, eastings lie within 350 km of the central meridian's false easting. */
const PL2000_HALF_WIDTH = 350_000;

function zoneOfEasting(easting: number): Pl2000Zone | null {
  return (
    PL2000_ZONES.find((zone) => Math.abs(easting - (zone.zone * 1_000_000 + 500_000)) <= PL2000_HALF_WIDTH) ??
    null
  );
}

function inPoland(point: { lat: number; lon: number }): boolean {
  return (
    point.lat >= POLAND.minLat &&
    point.lat <= POLAND.maxLat &&
    point.lon >= POLAND.minLon &&
    point.lon <= POLAND.maxLon
  );
}

export type PositionReading =
  { position: LegacyPosition; problem?: undefined } | { position: null; problem?: string };

/**
 * A number as a spreadsheet may write it: a decimal comma (Polish locale), spaces or no-break
 * spaces between thousands. Null for an empty field; NaN for anything else.
 */
export function parseLegacyNumber(text: string): number | null {
  const value = text.trim().replace(/[\s\u00a0\u202f]/g, '');
  if (value === '') return null;
  const normalised = /^-?\d+,\d+$/.test(value) ? value.replace(',', '.') : value;
  return /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(normalised) ? Number(normalised) : Number.NaN;
}

/**
 * The position in the export's two coordinate fields: PL-2000 metres or WGS84 degrees, told apart
 * by their size, and in either order (the two systems' ranges in Poland do not overlap, so values
 * typed into the wrong column are still unambiguous). Empty or zero fields mean no position; values
 * that are neither are no position either, with the reason, so the row is still imported.
 */
export function readLegacyPosition(longitudeField: string, latitudeField: string): PositionReading {
  const first = parseLegacyNumber(longitudeField);
  const second = parseLegacyNumber(latitudeField);
  if ((first === null || first === 0) && (second === null || second === 0)) return { position: null };
  const written = `"${longitudeField.trim()}", "${latitudeField.trim()}"`;
  if (first === null || second === null || Number.isNaN(first) || Number.isNaN(second)) {
    return { position: null, problem: `coordinates ${written} are not two numbers: position left empty` };
  }
  for (const [easting, northing] of [
    [first, second],
    [second, first],
  ]) {
    const zone = zoneOfEasting(easting);
    if (zone && northing >= PL2000_NORTHINGS.min && northing <= PL2000_NORTHINGS.max) {
      const point = pl2000ToWgs84({ easting, northing }, zone);
      if (inPoland(point))
        return { position: { lat: round7(point.lat), lon: round7(point.lon), system: zone.epsg } };
    }
  }
  for (const [lon, lat] of [
    [first, second],
    [second, first],
  ]) {
    if (inPoland({ lat, lon })) return { position: { lat, lon, system: WGS84 } };
  }
  return {
    position: null,
    problem: `coordinates ${written} are neither PL-2000 metres nor WGS84 degrees in Poland: position left empty`,
  };
}
