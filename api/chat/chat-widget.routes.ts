import fs from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app';

const WIDGET_DIR = path.join(__dirname, 'widget');
const read = (name: string) => fs.readFileSync(path.join(WIDGET_DIR, name), 'utf8');

const TITLES = {
  pl: 'Czat z Miejskim Centrum Kontaktu 19115',
  en: 'Chat with the Warsaw 19115 Contact Center',
};

/**
 * The residents' chat widget: a page the city's portal embeds in a frame or opens in a window,
 * and its script and style. The page keeps the API's CSP except who may frame it: the portal's
 * origins (CORS_ORIGINS) besides this origin.
 */
export const chatWidgetRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  const page = read('chat.html');
  const script = read('chat-widget.js');
  const style = read('chat-widget.css');
  const framers = ["'self'", ...deps.config.http.corsOrigins].join(' ');

  app.get(
    '/chat',
    {
      schema: {
        tags: ['chat'],
        summary: 'The residents’ chat widget (HTML page)',
        querystring: z.object({ lang: z.enum(['pl', 'en']).default('pl') }),
        response: {
          200: { description: 'The widget page', content: { 'text/html': { schema: z.string() } } },
        },
      },
    },
    async (request, reply) => {
      const lang = request.query.lang;
      const policy = String(reply.getHeader('content-security-policy') ?? '');
      if (policy) {
        reply.header(
          'content-security-policy',
          policy.replace(/frame-ancestors [^;]*/, `frame-ancestors ${framers}`),
        );
        reply.removeHeader('x-frame-options');
      }
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(page.replaceAll('{{lang}}', lang).replaceAll('{{title}}', TITLES[lang]));
    },
  );

  app.get('/chat/widget.js', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(script),
  );

  app.get('/chat/widget.css', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'no-cache').send(style),
  );
};
