import { z } from 'zod';

/** What the back office needs to know of the installation, for signed-in staff. */
export const backOfficeSettings = z.object({
  /** Leaflet URL template of the map tiles ({s}, {z}, {x}, {y}). */
  mapTileUrl: z.string(),
  /** HTML attribution the tile server asks for, or null. */
  mapAttribution: z.string().nullable(),
  /** Warsaw's districts, for the case list's district filter. */
  districts: z.array(z.string()),
});
export type BackOfficeSettings = z.infer<typeof backOfficeSettings>;
