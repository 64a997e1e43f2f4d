import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app';

const OPEN = ['NEW', 'TRIAGE', 'FORWARDED', 'IN_PROGRESS', 'WAITING_FOR_RESIDENT'];
const RESOLVED = ['RESOLVED', 'CLOSED'];

const bbox = z
  .string()
  .regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/, 'must be minLon,minLat,maxLon,maxLat')
  .transform((value) => value.split(',').map(Number) as [number, number, number, number])
  .refine(([minLon, minLat, maxLon, maxLat]) => minLon < maxLon && minLat < maxLat, 'min must be below max')
  .refine(
    ([minLon, minLat, maxLon, maxLat]) =>
      [minLon, maxLon].every((v) => Math.abs(v) <= 180) && [minLat, maxLat].every((v) => Math.abs(v) <= 90),
    'outside WGS84',
  );

const cursor = z
  .string()
  .regex(/^\d{13}_[0-9a-f-]{36}$/, 'must be the nextCursor of the previous page')
  .transform((value) => {
    const [ms, id] = value.split('_');
    return { createdAt: new Date(Number(ms)), id };
  });

const query = z
  .object({
    bbox: bbox.optional(),
    event: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]{1,63}$/)
      .optional(),
    status: z.enum(['open', 'resolved', 'all']).default('open'),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    cursor: cursor.optional(),
  })
  .strict();

const mapCase = z.object({
  number: z.string(),
  eventCode: z.string().nullable(),
  status: z.string(),
  lat: z.number(),
  lon: z.number(),
  street: z.string().nullable(),
  district: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/**
 * `GET /api/v1/public/cases`: other residents' reports on a map, as the 19115 app shows them.
 * Anonymised: no description, no contact, no building number, positions rounded to about 10 m.
 * Keyset pages (created_at, id), newest first, so a busy city never pays for an offset.
 */
export const publicMapRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  app.get(
    '/public/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'Anonymised reports for a map: bounding box, event and status filters, pages',
        querystring: query,
        response: { 200: z.object({ items: z.array(mapCase), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => {
      const q = request.query;
      const where = [`c.kind = 'INCIDENT'`, 'c.lat is not null', 'c.lon is not null'];
      const params: unknown[] = [];
      const statuses =
        q.status === 'open' ? OPEN : q.status === 'resolved' ? RESOLVED : [...OPEN, ...RESOLVED];
      where.push(`c.status in (${statuses.map(() => '?').join(', ')})`);
      params.push(...statuses);
      if (q.bbox) {
        where.push('c.lon between ? and ? and c.lat between ? and ?');
        params.push(q.bbox[0], q.bbox[2], q.bbox[1], q.bbox[3]);
      }
      if (q.event) {
        where.push('c.event_code = ?');
        params.push(q.event);
      }
      if (q.cursor) {
        where.push('(c.created_at, c.id) < (?, ?)');
        params.push(q.cursor.createdAt, q.cursor.id);
      }
      const rows = await deps.orm.em.fork().execute<
        {
          id: string;
          number: string;
          event_code: string | null;
          status: string;
          lat: number;
          lon: number;
          street: string | null;
          district: string | null;
          created_at: string | Date;
          updated_at: string | Date;
        }[]
      >(
        `select c.id, c.number, c.event_code, c.status, c.lat, c.lon, c.street, c.district, c.created_at, c.updated_at
         from cases c where ${where.join(' and ')} order by c.created_at desc, c.id desc limit ?`,
        [...params, q.limit + 1],
      );
      const page = rows.slice(0, q.limit);
      const last = page[page.length - 1];
      return {
        items: page.map((r) => ({
          number: r.number,
          eventCode: r.event_code,
          status: r.status,
          lat: Math.round(Number(r.lat) * 10_000) / 10_000,
          lon: Math.round(Number(r.lon) * 10_000) / 10_000,
          street: r.street,
          district: r.district,
          createdAt: new Date(r.created_at).toISOString(),
          updatedAt: new Date(r.updated_at).toISOString(),
        })),
        nextCursor:
          rows.length > q.limit && last ? `${new Date(last.created_at).getTime()}_${last.id}` : null,
      };
    },
  );
};
