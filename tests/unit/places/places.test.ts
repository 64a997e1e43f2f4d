import districts from '../../../db/seed-data/warsaw/districts.json';
import streets from '../../../domain/places/warsaw-streets.json';
import {
  NearestStreetsDistrictLocator,
  PolygonDistrictLocator,
  type DistrictBoundaryFeature,
} from '../../../domain/places/district-locator';
import { haversineMeters } from '../../../domain/places/geo';
import { normalizePlaceText, normalizeStreetQuery } from '../../../domain/places/normalize';
import { STREET_TYPES, StreetIndex, streetPart, type StreetRecord } from '../../../domain/places/streets';
import { warsawPlaces } from '../../../domain/places/warsaw';

describe('place names are compared without case, diacritics and punctuation', () => {
  it('folds Polish letters, including ł, and case', () => {
    expect(normalizePlaceText('ŻELAZNA')).toBe('zelazna');
    expect(normalizePlaceText('Marszałkowska')).toBe('marszalkowska');
    expect(normalizePlaceText('Świętokrzyska Źródło Łódź Ćma Ńą Ęó')).toBe(
      'swietokrzyska zrodlo lodz cma na eo',
    );
  });

  it('turns punctuation into single spaces', () => {
    expect(normalizePlaceText("  Charles'a  de Gaulle'a ")).toBe('charles a de gaulle a');
    expect(normalizePlaceText('Bora-Komorowskiego')).toBe('bora komorowskiego');
  });

  it('drops a street type typed before the name, but not a type typed alone', () => {
    expect(normalizeStreetQuery('ul. Marszałkowska')).toBe('marszalkowska');
    expect(normalizeStreetQuery('Aleje Jerozolimskie')).toBe('jerozolimskie');
    expect(normalizeStreetQuery('al.')).toBe('al');
  });
});

describe('street search', () => {
  const index = new StreetIndex([
    { type: 'ul.', name: 'Marszałkowska', district: 'Śródmieście', lat: 52.229, lon: 21.012 },
    { type: 'pl.', name: 'Marszałka Józefa Piłsudskiego', district: 'Śródmieście', lat: 52.241, lon: 21.011 },
    { type: 'ul.', name: 'Prosta', district: 'Wola', lat: 52.232, lon: 20.987 },
    { type: 'ul.', name: 'Prostokątna', district: 'Bemowo', lat: 52.25, lon: 20.9 },
    { type: 'ul.', name: 'Kolejowa', district: 'Wola', lat: 52.227, lon: 20.98 },
    { type: 'ul.', name: 'Stanisława Kostki Potockiego', district: 'Wilanów', lat: 52.166, lon: 21.087 },
  ]);
  const names = (query: string, limit = 10) => index.search(query, limit).map((s) => s.name);

  it('puts names starting with the query first, shorter (the exact street) before longer', () => {
    expect(names('marsz')).toEqual(['Marszałkowska', 'Marszałka Józefa Piłsudskiego']);
    expect(names('prost')).toEqual(['Prosta', 'Prostokątna']);
  });

  it('then names with a word starting with the query, then names containing it', () => {
    expect(names('potoc')).toEqual(['Stanisława Kostki Potockiego']);
    expect(names('ko')).toEqual(['Kolejowa', 'Stanisława Kostki Potockiego', 'Marszałkowska']);
    expect(names('kostki pot')).toEqual(['Stanisława Kostki Potockiego']);
  });

  it('ignores case, diacritics and a typed street type, and labels streets with their type', () => {
    expect(index.search('UL. MARSZAŁKOWSKA', 10).map((s) => s.label)).toEqual(['ul. Marszałkowska']);
    expect(names('pilsudskiego')).toEqual(['Marszałka Józefa Piłsudskiego']);
    expect(index.search('pl. pilsud', 10)[0].label).toBe('pl. Marszałka Józefa Piłsudskiego');
  });

  it('honours the limit and finds nothing for text no name contains', () => {
    expect(names('a', 2)).toHaveLength(2);
    expect(names('xyz')).toEqual([]);
  });

  it('lists the nearest street points, nearest first', () => {
    const near = index.nearest({ lat: 52.2318, lon: 20.988 }, 2);
    expect(near.map((n) => n.street.name)).toEqual(['Prosta', 'Kolejowa']);
    expect(near[0].distanceMeters).toBeLessThan(150);
  });
});

describe('the part of a street a case there is placed at', () => {
  const index = new StreetIndex([
    { type: 'ul.', name: 'Puławska', district: 'Mokotów', lat: 52.195, lon: 21.02 },
    { type: 'ul.', name: 'Puławska', district: 'Ursynów', lat: 52.145, lon: 21.021 },
    { type: 'ul.', name: 'Prosta', district: 'Wola', lat: 52.232, lon: 20.987 },
  ]);
  const part = (text: string, district?: string) => {
    const found = streetPart(index, text, district);
    return found && `${found.name}, ${found.district}`;
  };

  it("is the street's part in the given district, however the street and a building are typed", () => {
    expect(part('pulawska', 'Ursynów')).toBe('Puławska, Ursynów');
    expect(part('ul. PUŁAWSKA 100/2', 'Mokotów')).toBe('Puławska, Mokotów');
  });

  it('is the only part of a street in one district, with no district given', () => {
    expect(part('prosta 12')).toBe('Prosta, Wola');
  });

  it('is none when a street of several districts comes without one, or the district has no part', () => {
    expect(part('Puławska')).toBeNull();
    expect(part('Puławska', 'Wola')).toBeNull();
    expect(part('Prosta', 'Bemowo')).toBeNull();
  });

  it('is none for a place the register does not name', () => {
    expect(part('za sklepem Biedronka', 'Wola')).toBeNull();
    expect(part('Pulaw', 'Mokotów')).toBeNull();
  });
});

describe('haversine distance', () => {
  it('measures known distances', () => {
    expect(haversineMeters({ lat: 52.2297, lon: 21.0122 }, { lat: 52.2297, lon: 21.0122 })).toBe(0);
    // One minute of latitude is a nautical mile.
    expect(haversineMeters({ lat: 52, lon: 21 }, { lat: 52 + 1 / 60, lon: 21 })).toBeCloseTo(1853, -1);
    // Warsaw (Palace of Culture) to Kraków (Main Market Square): about 252 km.
    const warsawToKrakow = haversineMeters({ lat: 52.2318, lon: 21.006 }, { lat: 50.0617, lon: 19.9373 });
    expect(warsawToKrakow).toBeGreaterThan(250_000);
    expect(warsawToKrakow).toBeLessThan(254_000);
  });
});

describe("Warsaw's street list", () => {
  const records = streets as StreetRecord[];

  it('has at least 300 streets, ten or more in each of the 18 districts, with valid types and points', () => {
    expect(records.length).toBeGreaterThanOrEqual(300);
    const thin = districts.filter((d) => records.filter((s) => s.district === d).length < 10);
    expect(thin).toEqual([]);
    for (const street of records) {
      expect(districts).toContain(street.district);
      expect(STREET_TYPES).toContain(street.type);
      expect(street.lat).toBeGreaterThan(52.09);
      expect(street.lat).toBeLessThan(52.37);
      expect(street.lon).toBeGreaterThan(20.85);
      expect(street.lon).toBeLessThan(21.28);
    }
  });

  it('lists each street once per district', () => {
    const keys = records.map((s) => `${s.type} ${s.name} / ${s.district}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('finds Marszałkowska first for "marsz" and Żelazna for "zelazna"', () => {
    const { streets: index } = warsawPlaces();
    expect(index.search('marsz', 10)[0].label).toBe('ul. Marszałkowska');
    expect(index.search('zelazna', 10).map((s) => s.name)).toEqual(['Żelazna', 'Żelazna']);
  });
});

describe('the district of a point', () => {
  const { districts: locator } = warsawPlaces();

  it.each([
    ['the Palace of Culture and Science', 'Śródmieście', 52.2318, 21.006],
    ['the National Stadium', 'Praga-Południe', 52.2395, 21.0458],
    ['Wilanów Palace', 'Wilanów', 52.165, 21.0905],
    ['Chopin Airport (Okęcie)', 'Włochy', 52.1657, 20.9671],
    ['Bródno cemetery', 'Targówek', 52.2775, 21.0375],
    ['Tarchomin', 'Białołęka', 52.318, 20.975],
  ])('puts %s in %s', (_what, district, lat, lon) => {
    expect(locator.locate({ lat, lon })).toEqual({ insideCity: true, district });
  });

  it.each([
    ['Kraków', 50.0617, 19.9373],
    ['Łódź', 51.7592, 19.456],
    ['Piaseczno', 52.0737, 21.0244],
  ])('puts %s outside the city', (_what, lat, lon) => {
    expect(locator.locate({ lat, lon })).toEqual({ insideCity: false, district: null });
  });

  it('lets the nearest street decide a tie and ignores far neighbours', () => {
    const index = new StreetIndex([
      { type: 'ul.', name: 'A', district: 'North', lat: 52.2, lon: 21.0 },
      { type: 'ul.', name: 'B', district: 'South', lat: 52.19, lon: 21.0 },
      { type: 'ul.', name: 'C', district: 'South', lat: 52.18, lon: 21.0 },
    ]);
    const nearestOnly = new NearestStreetsDistrictLocator(index, { voteRadiusMeters: 500 });
    expect(nearestOnly.locate({ lat: 52.201, lon: 21.0 })).toEqual({ insideCity: true, district: 'North' });
    const majority = new NearestStreetsDistrictLocator(index, { voteRadiusMeters: 5000 });
    expect(majority.locate({ lat: 52.195, lon: 21.0 })).toEqual({ insideCity: true, district: 'South' });
  });
});

describe('district boundaries, when a city has them', () => {
  const square = (name: string, minLon: number, minLat: number, size: number): DistrictBoundaryFeature => ({
    type: 'Feature',
    properties: { name },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [minLon, minLat],
          [minLon + size, minLat],
          [minLon + size, minLat + size],
          [minLon, minLat + size],
          [minLon, minLat],
        ],
      ],
    },
  });
  const withHole: DistrictBoundaryFeature = {
    type: 'Feature',
    properties: { name: 'Ring' },
    geometry: {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [21, 52],
            [21.1, 52],
            [21.1, 52.1],
            [21, 52.1],
            [21, 52],
          ],
          [
            [21.04, 52.04],
            [21.06, 52.04],
            [21.06, 52.06],
            [21.04, 52.06],
            [21.04, 52.04],
          ],
        ],
      ],
    },
  };
  const locator = new PolygonDistrictLocator([square('Inner', 21.045, 52.045, 0.01), withHole]);

  it('names the polygon that contains the point, holes excluded', () => {
    expect(locator.locate({ lat: 52.01, lon: 21.01 })).toEqual({ insideCity: true, district: 'Ring' });
    expect(locator.locate({ lat: 52.05, lon: 21.05 })).toEqual({ insideCity: true, district: 'Inner' });
    expect(locator.locate({ lat: 52.042, lon: 21.042 })).toEqual({ insideCity: false, district: null });
    expect(locator.locate({ lat: 52.2, lon: 21.05 })).toEqual({ insideCity: false, district: null });
  });
});
