import { tileAttribution } from '../../domain/places/map-tiles';
import { districtNames } from '../places/districts';
import type { ConfigDeps } from './config-records';

/** The installation's settings the back office shows: the map's tiles and the city's districts. */
export async function backOfficeSettings({ orm, config }: ConfigDeps) {
  return {
    mapTileUrl: config.map.tileUrl,
    mapAttribution: tileAttribution(config.map.tileUrl),
    districts: await districtNames(orm),
  };
}
