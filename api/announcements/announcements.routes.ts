import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app';
import { KIND_LABELS } from './announcement-kinds';
import { currentAnnouncementsQuery, feedQuery, publicAnnouncement } from './announcements.schemas';
import { atomFeed, type AtomEntry } from './atom-feed';
import {
  listCurrentAnnouncements,
  type CurrentAnnouncement,
} from '../../services/announcements/current-announcements';

type Language = 'pl' | 'en';

const FEED_TEXTS = {
  pl: {
    title: (city: string) => `Komunikaty – ${city} 19115`,
    subtitle: 'Ostrzeżenia, przerwy w dostawie wody, utrudnienia drogowe, wydarzenia i aktualności miasta',
    author: (city: string) => `Miejskie Centrum Kontaktu ${city} 19115`,
    from: 'Obowiązuje od',
    to: 'do',
    untilWithdrawn: 'do odwołania',
    area: 'Dotyczy',
    wholeCity: 'całe miasto',
  },
  en: {
    title: (city: string) => `Announcements – ${city} 19115`,
    subtitle: 'Alerts, water outages, road closures, events and news from the city',
    author: (city: string) => `${city} 19115 City Contact Centre`,
    from: 'Valid from',
    to: 'until',
    untilWithdrawn: 'until further notice',
    area: 'Area',
    wholeCity: 'the whole city',
  },
} satisfies Record<Language, unknown>;

function warsawTime(date: Date, lang: Language): string {
  return new Intl.DateTimeFormat(lang === 'pl' ? 'pl-PL' : 'en-GB', {
    timeZone: 'Europe/Warsaw',
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(date);
}

function validity(announcement: CurrentAnnouncement, lang: Language): string {
  const texts = FEED_TEXTS[lang];
  const until = announcement.validTo ? warsawTime(announcement.validTo, lang) : texts.untilWithdrawn;
  const area = announcement.districts.length ? announcement.districts.join(', ') : texts.wholeCity;
  return `${texts.from} ${warsawTime(announcement.validFrom, lang)} ${texts.to} ${until}. ${texts.area}: ${area}.`;
}

const toPublic = (announcement: CurrentAnnouncement) => ({
  ...announcement,
  validFrom: announcement.validFrom.toISOString(),
  validTo: announcement.validTo?.toISOString() ?? null,
  updatedAt: announcement.updatedAt.toISOString(),
});

/** Current city announcements for residents' apps, and the same as an Atom feed for feed readers. */
export const announcementRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  const tags = ['announcements'];
  const publicUrl = deps.config.http.publicUrl;

  app.get(
    '/announcements',
    {
      schema: {
        tags,
        summary: 'Current announcements (urgent kinds first, then the newest)',
        querystring: currentAnnouncementsQuery,
        response: { 200: z.object({ items: z.array(publicAnnouncement) }) },
      },
    },
    async (request, reply) => {
      const items = await listCurrentAnnouncements(deps.orm, request.query);
      reply.header('cache-control', 'public, max-age=60');
      return { items: items.map(toPublic) };
    },
  );

  app.get(
    '/announcements/feed.atom',
    {
      schema: {
        tags,
        summary: 'Current announcements as an Atom 1.0 feed, in Polish or English',
        querystring: feedQuery,
        produces: ['application/atom+xml'],
        response: {
          200: z.string().describe('An Atom 1.0 document (application/atom+xml)'),
          304: z.null().describe('The feed has not changed since the ETag sent in If-None-Match'),
        },
      },
    },
    async (request, reply) => {
      const { lang, district } = request.query;
      const announcements = await listCurrentAnnouncements(deps.orm, { district });
      const texts = FEED_TEXTS[lang];
      const city = deps.config.cityName;
      const selfQuery = new URLSearchParams({ lang, ...(district ? { district } : {}) });
      const selfUrl = `${publicUrl}/api/v1/announcements/feed.atom?${selfQuery.toString()}`;
      const portalPage = `${publicUrl}/portal/announcements`;
      const entries: AtomEntry[] = announcements.map((announcement) => ({
        id: `urn:uuid:${announcement.id}`,
        title: announcement.title[lang],
        summary: validity(announcement, lang),
        content: announcement.body[lang],
        link: `${portalPage}#announcement-${announcement.id}`,
        published: announcement.validFrom,
        updated: announcement.updatedAt,
        categories: [
          {
            term: announcement.kind,
            label: KIND_LABELS[announcement.kind][lang],
            scheme: `${publicUrl}/api/v1/announcements#kind`,
          },
          ...announcement.districts.map((name) => ({
            term: name,
            label: name,
            scheme: `${publicUrl}/api/v1/announcements#district`,
          })),
        ],
      }));
      // A scheduled announcement that comes into force changes the feed as much as an edit does.
      const newest = Math.max(
        0,
        ...announcements.map((a) => Math.max(a.updatedAt.getTime(), a.validFrom.getTime())),
      );
      const body = atomFeed({
        id: selfUrl,
        lang,
        title: district ? `${texts.title(city)}: ${district}` : texts.title(city),
        subtitle: texts.subtitle,
        selfUrl,
        alternateUrl: district ? `${portalPage}?district=${encodeURIComponent(district)}` : portalPage,
        author: texts.author(city),
        updated: new Date(newest || Date.now()),
        entries,
      });
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
      reply.header('etag', etag).header('cache-control', 'public, max-age=60');
      if (newest) reply.header('last-modified', new Date(newest).toUTCString());
      const known = request.headers['if-none-match'];
      if (known && known.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
        return reply.status(304).send(null);
      }
      return reply.type('application/atom+xml; charset=utf-8').send(body);
    },
  );
};
