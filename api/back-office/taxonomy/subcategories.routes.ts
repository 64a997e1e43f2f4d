import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { subcategories } from '../../../services/configuration/subcategories';
import type { AppDeps } from '../../app';
import { configurationRoutes } from '../configuration-routes';
import {
  codeParams,
  createSubcategoryBody,
  subcategoryListQuery,
  subcategoryRecord,
  updateSubcategoryBody,
} from './taxonomy.schemas';

/** The subcategories of the taxonomy residents report against, each with the number of its events. */
export const subcategoryRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  configurationRoutes(app, deps, {
    resource: 'subcategories',
    service: subcategories,
    record: subcategoryRecord,
    params: codeParams,
    query: subcategoryListQuery,
    create: createSubcategoryBody,
    update: updateSubcategoryBody,
    summaries: {
      list: 'Subcategories of the taxonomy',
      get: 'One subcategory',
      create: 'Add a subcategory',
      update: 'Rename a subcategory',
      remove: 'Remove a subcategory that has no events (409 naming them otherwise)',
    },
  });
};
