import { z } from 'zod';
import { caseNumberParams } from '../public-cases/public-cases.schemas';
import { coordinate } from '../places/places.schemas';

export { caseNumberParams };

export const eventCode = z.string().regex(/^[A-Z][A-Z0-9_]{1,63}$/, 'must be an event code such as POTHOLE');

export const MAX_NEARBY_RADIUS_METERS = 1000;

export const nearbyQuery = z.object({
  lat: coordinate('latitude'),
  lon: coordinate('longitude'),
  event: eventCode,
  radius: z.coerce
    .number()
    .positive('must be more than 0 metres')
    .max(MAX_NEARBY_RADIUS_METERS, `must be at most ${MAX_NEARBY_RADIUS_METERS} metres`)
    .optional()
    .describe('Metres; by default four times the radius clerks are offered duplicates in'),
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
      distanceMeters: z.number().int().describe('Rounded to 10 m, like the position'),
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
