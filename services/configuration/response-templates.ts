import type { EntityManager } from '@mikro-orm/postgresql';
import { ResponseTemplate } from '../../db/entities';
import type { ConfigEditor } from './audit-trail';
import { filterWhere, otherThan } from './config-records';
import { configurationService } from './config-service';
import { conflict } from './refusals';

/** Texts clerks and unit staff start their notes to residents from. */

export interface ResponseTemplateFields {
  name: string;
  action: ResponseTemplate['action'];
  language: ResponseTemplate['language'];
  body: string;
  active: boolean;
}

const audited = (template: ResponseTemplate): ResponseTemplateFields => ({
  name: template.name,
  action: template.action,
  language: template.language,
  body: template.body,
  active: template.active,
});

/** Those who keep the templates see switched-off ones too; everyone else only what they may use. */
const visible = ({ staff }: ConfigEditor) =>
  staff?.role === 'ADMIN' || staff?.role === 'MANAGER' ? {} : { active: true };

const duplicateName = ({ name, language }: Pick<ResponseTemplateFields, 'name' | 'language'>) =>
  `a template named "${name}" in language ${language} exists already`;

/** One name per language: the case dialogs offer the templates by name. */
async function takenName(em: EntityManager, template: ResponseTemplateFields, exceptId?: string) {
  const { name, language } = template;
  const taken = await em.count(ResponseTemplate, { name, language, ...otherThan(exceptId) });
  return taken ? conflict('name', duplicateName(template)) : null;
}

/** The templates' list, each template and its changes; a note written from one keeps its text. */
export const responseTemplates = configurationService({
  entity: ResponseTemplate,
  resource: 'response-templates',
  key: 'id',
  noun: 'response template',
  audited,
  present: (template) => ({
    id: template.id,
    ...audited(template),
    createdAt: template.createdAt.toISOString(),
    updatedAt: template.updatedAt.toISOString(),
  }),
  page: { defaultSort: 'name' },
  where: (filter, viewer) => ({ ...filterWhere(filter, { search: ['name', 'body'] }), ...visible(viewer) }),
  visible,
  refusal: (em, template, id) => takenName(em, template, id as string | undefined),
  refusals: (template) => ({ unique: { field: 'name', message: duplicateName(template) } }),
});
