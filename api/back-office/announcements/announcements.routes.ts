import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { backOfficeAnnouncements } from '../../../services/announcements/back-office-announcements';
import type { AppDeps } from '../../app';
import { configurationRoutes } from '../configuration-routes';
import {
  announcementIdParams,
  announcementListQuery,
  announcementRecord,
  createAnnouncementBody,
  updateAnnouncementBody,
} from './announcements.schemas';

/**
 * Announcements in the back office. The contact center's clerks post outages and closures as they
 * learn of them, so clerks write here as well as managers and administrators; every change is in
 * the configuration audit trail.
 */
export const backOfficeAnnouncementRoutes: (deps: AppDeps) => FastifyPluginAsyncZod =
  (deps) => async (app) => {
    configurationRoutes(app, deps, {
      resource: 'announcements',
      service: backOfficeAnnouncements,
      record: announcementRecord,
      params: announcementIdParams,
      query: announcementListQuery,
      create: createAnnouncementBody,
      update: updateAnnouncementBody,
      summaries: {
        list: 'List announcements (current, scheduled, expired, drafts)',
        get: 'One announcement',
        create: 'Add an announcement',
        update: 'Change an announcement; to withdraw one, end its validity or unpublish it',
        remove: 'Remove an announcement',
      },
    });
  };
