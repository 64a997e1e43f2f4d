import {
  PL2000_ZONES,
  pl2000ToWgs84,
  readLegacyPosition,
  wgs84ToPl2000,
} from '../../../domain/legacy-import/coordinates';
import { haversineMeters } from '../../../domain/places/geo';

/**
 * Reference facts of PL-2000 zone 7 (EPSG:2178) as EPSG publishes them: a transverse Mercator on
 * the GRS80 ellipsoid with its central meridian at 21°E, scale 0.999923 on that meridian, false
 * easting 7,500,000 m and false northing 0. GRS80's meridian quadrant (equator to pole) is
 * 10,001,965.7293 m (Moritz, "Geodetic Reference System 1980").
 */
const ZONE_7 = PL2000_ZONES[2];
const SCALE = 0.999923;
const GRS80_QUADRANT_M = 10_001_965.7293;

describe('PL-2000 zone 7 positions are converted by proj4 with the EPSG:2178 definition', () => {
  it('is the zone EPSG:2178 with its central meridian at 21°E', () => {
    expect(ZONE_7).toEqual({ zone: 7, epsg: 'EPSG:2178', centralMeridian: 21 });
  });

  it('puts the central meridian at easting 7,500,000 m and the equator at northing 0', () => {
    const origin = wgs84ToPl2000({ lat: 0, lon: 21 });
    expect(origin.easting).toBeCloseTo(7_500_000, 3);
    expect(origin.northing).toBeCloseTo(0, 3);
    for (const lat of [49.5, 52.2297, 54.5]) {
      expect(wgs84ToPl2000({ lat, lon: 21 }).easting).toBeCloseTo(7_500_000, 3);
    }
  });

  it('measures the central meridian at 0.999923 of its length on GRS80, to within a metre', () => {
    expect(Math.abs(wgs84ToPl2000({ lat: 90, lon: 21 }).northing - SCALE * GRS80_QUADRANT_M)).toBeLessThan(1);
  });

  it('is symmetric about the central meridian', () => {
    const west = wgs84ToPl2000({ lat: 52.2, lon: 20.4 });
    const east = wgs84ToPl2000({ lat: 52.2, lon: 21.6 });
    expect(west.easting + east.easting).toBeCloseTo(15_000_000, 3);
    expect(west.northing).toBeCloseTo(east.northing, 3);
  });

  it('converts known points back and forth to within a millimetre, and Warsaw to its own grid square', () => {
    for (const point of [
      { lat: 52.2319, lon: 21.0067 },
      { lat: 52.2036, lon: 21.0006 },
      { lat: 52.15, lon: 21.07 },
      { lat: 52.26, lon: 20.98 },
    ]) {
      const grid = wgs84ToPl2000(point);
      expect(grid.easting).toBeGreaterThan(7_480_000);
      expect(grid.easting).toBeLessThan(7_520_000);
      expect(grid.northing).toBeGreaterThan(5_770_000);
      expect(grid.northing).toBeLessThan(5_800_000);
      expect(haversineMeters(pl2000ToWgs84(grid), point)).toBeLessThan(0.001);
    }
  });

  it('places the positions of the sample export within a metre of the points they were made from', () => {
    const reading = readLegacyPosition('7500457.73', '5788701.22');
    expect(reading.position?.system).toBe('EPSG:2178');
    expect(haversineMeters(reading.position!, { lat: 52.2319, lon: 21.0067 })).toBeLessThan(1);
  });

  it('moves a point one kilometre east by about one kilometre of easting', () => {
    const start = wgs84ToPl2000({ lat: 52.2297, lon: 21.0122 });
    const east = pl2000ToWgs84({ easting: start.easting + 1000, northing: start.northing });
    const metres = haversineMeters(pl2000ToWgs84(start), east);
    expect(Math.abs(metres - 1000)).toBeLessThan(5);
  });
});

describe('the position fields of a row', () => {
  it('reads PL-2000 metres (Długość the easting, Szerokość the northing) with a decimal point or comma', () => {
    expect(readLegacyPosition('7500457.73', '5788701.22').position).toMatchObject({ system: 'EPSG:2178' });
    expect(readLegacyPosition('7500457,73', '5788701,22').position).toMatchObject({ system: 'EPSG:2178' });
  });

  it('reads WGS84 degrees as they are', () => {
    expect(readLegacyPosition('21.0122', '52.2297')).toEqual({
      position: { lat: 52.2297, lon: 21.0122, system: 'EPSG:4326' },
    });
  });

  it('reads values typed into each other’s column, since the ranges cannot be confused in Poland', () => {
    expect(readLegacyPosition('52.2297', '21.0122').position).toEqual({
      lat: 52.2297,
      lon: 21.0122,
      system: 'EPSG:4326',
    });
    expect(readLegacyPosition('5788701.22', '7500457.73').position).toEqual(
      readLegacyPosition('7500457.73', '5788701.22').position,
    );
  });

  it('reads the other PL-2000 zones by the leading digit of the easting', () => {
    const krakowInZone7 = readLegacyPosition('7432000', '5549000').position;
    expect(krakowInZone7?.system).toBe('EPSG:2178');
    const poznan = wgs84ToPl2000({ lat: 52.4064, lon: 16.9252 }, PL2000_ZONES[0]);
    const read = readLegacyPosition(String(poznan.easting), String(poznan.northing)).position;
    expect(read?.system).toBe('EPSG:2176');
    expect(haversineMeters(read!, { lat: 52.4064, lon: 16.9252 })).toBeLessThan(0.01);
  });

  it('leaves empty and zero fields without a position, and says why of anything else', () => {
    expect(readLegacyPosition('', '')).toEqual({ position: null });
    expect(readLegacyPosition('0', '0')).toEqual({ position: null });
    expect(readLegacyPosition('7500457.73', '')).toEqual({
      position: null,
      problem: 'coordinates "7500457.73", "" are not two numbers: position left empty',
    });
    expect(readLegacyPosition('2.35', '48.85')).toEqual({
      position: null,
      problem:
        'coordinates "2.35", "48.85" are neither PL-2000 metres nor WGS84 degrees in Poland: position left empty',
    });
  });
});
