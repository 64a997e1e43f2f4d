import { z } from 'zod';

/**
 * A decimal coordinate in a query string. Written out rather than `z.coerce.number()`, which
 * reads an empty value as 0 and would place a forgotten coordinate in the Gulf of Guinea.
 */
export const coordinate = (name: 'latitude' | 'longitude') => {
  const limit = name === 'latitude' ? 90 : 180;
  return z
    .string()
    .trim()
    .max(32, `must be a ${name} in decimal degrees, such as 52.2297`)
    .regex(/^[-+]?\d{1,3}(\.\d+)?$/, `must be a ${name} in decimal degrees, such as 52.2297`)
    .transform(Number)
    .pipe(
      z
        .number()
        .min(-limit, `must be between -${limit} and ${limit}`)
        .max(limit, `must be between -${limit} and ${limit}`),
    );
};

export const streetSearchQuery = z.object({
  q: z
    .string()
    .trim()
    .min(2, 'must have at least 2 characters')
    .max(100, 'must have at most 100 characters')
    .describe('Part of a street name; case, Polish letters and a leading "ul."/"al." do not matter'),
  limit: z.coerce.number().int().min(1).max(20).default(10),
});

const street = z.object({
  name: z.string().describe('The name without its type: "Marszałkowska"'),
  label: z.string().describe('The name with its type: "ul. Marszałkowska"'),
  district: z.string(),
  lat: z.number(),
  lon: z.number(),
});

export const streetSearchResponse = z.object({ items: z.array(street) });

export const reverseQuery = z.object({ lat: coordinate('latitude'), lon: coordinate('longitude') });

export const reverseResponse = z.object({
  insideCity: z.boolean(),
  district: z.string().nullable(),
  street: street.extend({ distanceMeters: z.number().int() }).nullable(),
});
