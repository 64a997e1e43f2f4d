import { z } from 'zod';
import { listQuerySchema } from '../list-query';
import { TEMPLATE_PLACEHOLDERS, unknownPlaceholders } from './template-placeholders';

/** The case actions whose note goes to the resident; `any` fits all three. */
export const TEMPLATE_ACTIONS = ['answer', 'resolve', 'request-info', 'any'] as const;
export const TEMPLATE_LANGUAGES = ['pl', 'en'] as const;

export const responseTemplateRecord = z.object({
  id: z.uuid(),
  name: z.string(),
  action: z.enum(TEMPLATE_ACTIONS),
  language: z.enum(TEMPLATE_LANGUAGES),
  body: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const templateFields = {
  name: z.string().trim().min(2, 'must have at least 2 characters').max(200),
  action: z.enum(TEMPLATE_ACTIONS),
  language: z.enum(TEMPLATE_LANGUAGES),
  // The filled text becomes a case note, which the case actions cap at 4000 characters.
  body: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(4000)
    .superRefine((body, ctx) => {
      const unknown = unknownPlaceholders(body);
      if (unknown.length) {
        ctx.addIssue({
          code: 'custom',
          message: `unknown placeholder ${unknown.map((name) => `{{${name}}}`).join(', ')}; use ${TEMPLATE_PLACEHOLDERS.map((name) => `{{${name}}}`).join(', ')}`,
        });
      }
    }),
  active: z.boolean(),
};

export const createResponseTemplateBody = z
  .object({ ...templateFields, active: templateFields.active.default(true) })
  .strict();

/** react-admin sends the whole record back: id and timestamps are ignored, fields left out keep their values. */
export const updateResponseTemplateBody = z.object(templateFields).partial();

export const responseTemplateListQuery = listQuerySchema(
  ['name', 'action', 'language', 'active', 'updatedAt'] as const,
  {
    id: z.array(z.uuid()).max(500).optional(),
    /** One action, or several: the case dialogs ask for theirs and `any`. */
    action: z.union([z.enum(TEMPLATE_ACTIONS), z.array(z.enum(TEMPLATE_ACTIONS)).max(4)]).optional(),
    language: z.enum(TEMPLATE_LANGUAGES).optional(),
    active: z.boolean().optional(),
    q: z.string().trim().max(100).optional(),
  },
);

export const templateIdParams = z.object({ id: z.uuid() });
