import { z } from 'zod';
import { DISTRICT_OFFICE } from '../../../domain/routing/route-case';
import { listQuerySchema } from '../list-query';

export const unitRecord = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  district: z.string().nullable(),
  email: z.string().nullable(),
  active: z.boolean(),
  /** The unit's system takes cases through the connector: a webhook URL and a secret to sign with. */
  hasConnector: z.boolean(),
  /** Shown to administrators only; the secret itself is never shown to anyone. */
  webhookUrl: z.string().nullable(),
  hasWebhookSecret: z.boolean(),
});

export const unitListQuery = listQuerySchema(
  ['id', 'code', 'name', 'nameEn', 'district', 'active'] as const,
  {
    id: z.array(z.string().max(64)).max(500).optional(),
    active: z.boolean().optional(),
    district: z.string().max(100).optional(),
    hasConnector: z.boolean().optional(),
    q: z.string().trim().max(100).optional(),
  },
);

const emptyToNull = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? null : value),
    schema.nullable(),
  );

const webhookUrl = emptyToNull(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2048));

const unitFields = {
  name: z.string().trim().min(1, 'is required').max(255),
  nameEn: z.string().trim().min(1, 'is required').max(255),
  /** Set for a district office: cases routed to `UD` in this district go to it. */
  district: emptyToNull(z.string().trim().max(100)),
  email: emptyToNull(z.email('must be an e-mail address').max(255)),
  active: z.boolean(),
  webhookUrl,
  /** Write-only: a new secret replaces the old one; absent or empty keeps it. */
  webhookSecret: emptyToNull(z.string().min(16, 'must be at least 16 characters').max(255)),
  /** Removes the secret (and with it the connector). */
  clearWebhookSecret: z.boolean(),
};

export const createUnitBody = z
  .object({
    code: z
      .string()
      .trim()
      .toUpperCase()
      .regex(
        /^[A-Z][A-Z0-9-]{1,63}$/,
        '2 to 64 characters: capital letters, digits and -, starting with a letter',
      )
      .refine(
        (code) => code !== DISTRICT_OFFICE,
        `${DISTRICT_OFFICE} stands for "the district office" in rules`,
      ),
    ...unitFields,
    district: unitFields.district.default(null),
    email: unitFields.email.default(null),
    active: unitFields.active.default(true),
    webhookUrl: unitFields.webhookUrl.default(null),
    webhookSecret: unitFields.webhookSecret.default(null),
  })
  .omit({ clearWebhookSecret: true })
  .strict();

/** react-admin sends the whole record back: code and derived fields are ignored. */
export const updateUnitBody = z.object(unitFields).partial();

export const unitCodeParams = z.object({ id: z.string().min(1).max(64) });

export const districtRecord = z.object({ id: z.string(), name: z.string() });

export const districtListQuery = listQuerySchema(['id', 'name'] as const, {
  id: z.array(z.string().max(100)).max(500).optional(),
  q: z.string().trim().max(100).optional(),
});
