import { z } from 'zod';
import { PRIORITIES } from '../../../domain/cases/case-states';
import { listQuerySchema } from '../list-query';

// Codes travel in URLs, search attributes and the unit connector's payload: keep them plain.
const code = z
  .string()
  .trim()
  .toUpperCase()
  .regex(
    /^[A-Z][A-Z0-9_]{1,63}$/,
    '2 to 64 characters: capital letters, digits and _ , starting with a letter',
  );
const name = z.string().trim().min(1, 'is required').max(255);

export const subcategoryRecord = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  /** How many events (active or not) belong to it. */
  eventCount: z.number().int(),
});

export const subcategoryListQuery = listQuerySchema(['id', 'code', 'name', 'nameEn'] as const, {
  id: z.array(z.string().max(64)).max(500).optional(),
  q: z.string().trim().max(100).optional(),
});

export const createSubcategoryBody = z.object({ code, name, nameEn: name }).strict();
export const updateSubcategoryBody = z.object({ name: name.optional(), nameEn: name.optional() });

export const taxonomyEventRecord = z.object({
  id: z.string(),
  code: z.string(),
  subcategory: z.string(),
  name: z.string(),
  nameEn: z.string(),
  defaultUnit: z.string(),
  priority: z.enum(PRIORITIES),
  resolutionHours: z.number().int(),
  requiresDescription: z.boolean(),
  allowsAnonymous: z.boolean(),
  active: z.boolean(),
});

export const taxonomyEventListQuery = listQuerySchema(
  [
    'id',
    'code',
    'subcategory',
    'name',
    'nameEn',
    'defaultUnit',
    'priority',
    'resolutionHours',
    'active',
  ] as const,
  {
    id: z.array(z.string().max(64)).max(500).optional(),
    subcategory: z.string().max(64).optional(),
    defaultUnit: z.string().max(64).optional(),
    priority: z.enum(PRIORITIES).optional(),
    active: z.boolean().optional(),
    q: z.string().trim().max(100).optional(),
  },
);

const eventFields = {
  subcategory: z.string().trim().min(1, 'is required').max(64),
  name,
  nameEn: name,
  /** A unit code, or `UD` for the district office of the case's district. */
  defaultUnit: z.string().trim().toUpperCase().min(1, 'is required').max(64),
  priority: z.enum(PRIORITIES),
  // A year is the longest target a city promises for a report.
  resolutionHours: z.number().int('must be whole hours').min(1).max(8760),
  requiresDescription: z.boolean(),
  allowsAnonymous: z.boolean(),
  active: z.boolean(),
};

export const createTaxonomyEventBody = z
  .object({
    code,
    ...eventFields,
    requiresDescription: eventFields.requiresDescription.default(false),
    allowsAnonymous: eventFields.allowsAnonymous.default(true),
    active: eventFields.active.default(true),
  })
  .strict();

/** react-admin sends the whole record back: the code cannot change and is ignored. */
export const updateTaxonomyEventBody = z.object(eventFields).partial();

export const codeParams = z.object({ id: z.string().min(1).max(64) });
