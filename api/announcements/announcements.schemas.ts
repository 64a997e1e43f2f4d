import { z } from 'zod';
import { ANNOUNCEMENT_KINDS } from '../../domain/announcements/announcement-kinds';

export const translated = z.object({ pl: z.string(), en: z.string() });

/** One current announcement as residents' apps read it. */
export const publicAnnouncement = z.object({
  id: z.uuid(),
  kind: z.enum(ANNOUNCEMENT_KINDS),
  title: translated,
  body: translated.describe('Plain text; paragraphs separated by blank lines'),
  districts: z.array(z.string()).describe('Empty: the whole city'),
  validFrom: z.string(),
  validTo: z.string().nullable().describe('Null: until withdrawn'),
  updatedAt: z.string(),
});

const district = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .optional()
  .describe("A district's name: that district's announcements and the city-wide ones");

export const currentAnnouncementsQuery = z
  .object({ district, kind: z.enum(ANNOUNCEMENT_KINDS).optional() })
  .strict();

export const feedQuery = z.object({ lang: z.enum(['pl', 'en']).default('pl'), district }).strict();
