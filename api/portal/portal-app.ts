import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import { builtFrontendFiles, UNHASHED_FILE_CACHE } from '../frontend-files';

/**
 * Serves the built residents' portal under /portal/. Its files are served as they are; any other
 * path is one of the portal's own pages (a link from an acknowledgement e-mail, a bookmark), so it
 * gets index.html and the portal's router shows the page. Without a build, says how to make one.
 */
export async function registerPortal(app: FastifyInstance, distDir: string): Promise<void> {
  const index = path.join(distDir, 'index.html');
  if (!fs.existsSync(index)) {
    app.get('/portal/*', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .status(503)
        .type('text/plain')
        .send('The residents’ portal is not built yet: run `npm run portal:build`.'),
    );
    return;
  }
  // wildcard: false registers a route per built file, leaving /portal/* free for the pages; the
  // compressed copies need no routes of their own (a file's route serves them).
  await app.register(fastifyStatic, {
    ...builtFrontendFiles(distDir, '/portal/'),
    wildcard: false,
    globIgnore: ['**/*.br', '**/*.gz'],
    decorateReply: false,
    index: false,
  });
  const page = fs.readFileSync(index);
  const sendPage = async (_request: unknown, reply: FastifyReply) =>
    // Pages always ask again, so a new build reaches residents at once; assets carry hashes.
    reply.type('text/html; charset=utf-8').header('cache-control', UNHASHED_FILE_CACHE).send(page);
  app.get('/portal', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/portal/'));
  app.get('/portal/', { schema: { hide: true } }, sendPage);
  app.get('/portal/*', { schema: { hide: true } }, async (request, reply) => {
    // A missing asset is a 404, not a page: the browser would otherwise parse HTML as a script.
    if (/\.[a-z0-9]{1,8}$/i.test(request.url.split('?')[0])) {
      return reply
        .status(404)
        .send({ statusCode: 404, code: 'NOT_FOUND', message: `No file ${request.url}` });
    }
    return sendPage(request, reply);
  });
}
