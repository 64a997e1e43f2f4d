import { z } from 'zod';
import { caseNumberParams } from '../public-cases/public-cases.schemas';
import { coordinate } from '../places/places.schemas';

export { caseNumberParams };

export const eventCode = z.string().regex(/^[A-Z][A-Z0-9_]{1,63}$/, 'must be an event code such as POTHOLE');

/**
 * The radii a nearby search takes. Fixed steps: with any radius, searches that grow it metre by
 * metre would tell exactly when a report enters the circle, and so where it is.
 */
export const NEARBY_RADII_METERS = [100, 250, 500, 1000] as const;

/** Four times the radius clerks are offered duplicates in, taken up to the next step. */
export function defaultNearbyRadius(duplicateRadiusMeters: number): number {
  return (
    NEARBY_RADII_METERS.find((radius) => radius >= duplicateRadiusMeters * 4) ??
    NEARBY_RADII_METERS[NEARBY_RADII_METERS.length - 1]
  );
}

const RADIUS_MESSAGE = `must be one of ${NEARBY_RADII_METERS.join(', ')} (metres)`;

export const nearbyQuery = z.object({
  lat: coordinate('latitude'),
  lon: coordinate('longitude'),
  event: eventCode,
  radius: z.coerce
    .number({ error: RADIUS_MESSAGE })
    .refine((radius) => (NEARBY_RADII_METERS as readonly number[]).includes(radius), RADIUS_MESSAGE)
    .optional()
    .describe(
      `Metres, one of ${NEARBY_RADII_METERS.join(', ')}; by default the step at or above four times ` +
        'the radius clerks are offered duplicates in',
    ),
});

export const nearbyResponse = z.object({
  items: z.array(
    z.object({
      number: z.string(),
      eventCode: z.string(),
      status: z.string(),
      lat: z.number(),
      lon: z.number(),
      street: z.string().nullable(),
      district: z.string().nullable(),
      createdAt: z.string(),
      distanceMeters: z.number().int().describe('From the published position to the point, rounded to 10 m'),
    }),
  ),
});

export const publicCaseResponse = z.object({
  number: z.string(),
  eventCode: z.string().nullable(),
  status: z.string(),
  street: z.string().nullable(),
  district: z.string().nullable(),
  lat: z.number(),
  lon: z.number(),
  description: z
    .string()
    .nullable()
    .describe('The resident’s description, only when they agreed to publish it; contact data removed'),
  createdAt: z.string(),
  updatedAt: z.string(),
  followers: z.number().int(),
  history: z.array(z.object({ at: z.string(), status: z.string() })),
});

export const followBody = z
  .object({
    email: z.email('must be an e-mail address').max(254),
    language: z.enum(['pl', 'en']).default('pl'),
  })
  .strict();

export const followResponse = z.object({ number: z.string(), following: z.literal(true) });

export const unsubscribeParams = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/, 'must be the token of an unsubscribe link'),
});
