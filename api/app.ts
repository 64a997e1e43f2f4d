import type { ServiceDeps } from '../services/service-deps';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import jwt from '@fastify/jwt';
import websocket from '@fastify/websocket';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Connection } from '@temporalio/client';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from '../config/config';
import { openDatabase } from '../services/database/open-database';
import { intakeBacklog } from '../services/statistics/intake-backlog';
import { sqlOf } from '../services/statistics/statistics-sql';
import { createTemporalClient, createTemporalProbeConnection } from '../services/temporal/temporal-client';
import { authRoutes } from './auth/auth.routes';
import { backOfficeBookingRoutes } from './back-office/bookings/bookings.routes';
import { bookingOfficeRoutes } from './back-office/booking-offices/booking-offices.routes';
import { bookingServiceRoutes } from './back-office/booking-services/booking-services.routes';
import { bookingRoutes } from './bookings/bookings.routes';
import { callRoutes } from './back-office/calls/calls.routes';
import { backOfficeChatRoutes } from './back-office/chats/chats.routes';
import { chatRoutes } from './chat/chat.routes';
import { chatWidgetRoutes } from './chat/chat-widget.routes';
import { caseActionRoutes } from './back-office/cases/case-actions.routes';
import { backOfficeCaseRoutes } from './back-office/cases/cases.routes';
import { forwardTargetRoutes } from './back-office/cases/forward-targets.routes';
import { caseChangeRoutes } from './back-office/case-changes/case-changes.routes';
import { tileImageSource } from '../domain/places/map-tiles';
import { settingsRoutes } from './back-office/settings/settings.routes';
import { open311ClientRoutes } from './back-office/open311-clients/open311-clients.routes';
import { unitRoutes } from './back-office/units/units.routes';
import { userRoutes } from './back-office/users/users.routes';
import { subcategoryRoutes } from './back-office/taxonomy/subcategories.routes';
import { taxonomyEventRoutes } from './back-office/taxonomy/taxonomy-events.routes';
import { routingRuleRoutes } from './back-office/routing-rules/routing-rules.routes';
import { slaPolicyRoutes } from './back-office/sla-policies/sla-policies.routes';
import { businessCalendarRoutes } from './back-office/business-calendar/business-calendar.routes';
import { configChangeRoutes } from './back-office/config-changes/config-changes.routes';
import { responseTemplateRoutes } from './back-office/response-templates/response-templates.routes';
import { backOfficeAnnouncementRoutes } from './back-office/announcements/announcements.routes';
import { announcementRoutes } from './announcements/announcements.routes';
import { openDataRoutes } from './open-data/open-data.routes';
import { knowledgeArticleRoutes } from './back-office/knowledge-articles/knowledge-articles.routes';
import { knowledgeCategoryRoutes } from './back-office/knowledge-categories/knowledge-categories.routes';
import { knowledgeRoutes } from './knowledge/knowledge.routes';
import { statisticsRoutes } from './back-office/statistics/statistics.routes';
import { attachmentRoutes } from './attachments/attachments.routes';
import { unitCallbackRoutes } from './connectors/unit-callbacks.routes';
import { sendOpen311Errors } from './open311/open311-errors';
import { open311Routes } from './open311/open311.routes';
import { registerErrorHandler } from './error-handler';
import { builtFrontendFiles } from './frontend-files';
import { namedPlugin } from './named-plugin';
import { loggerOptions, type LogDestination } from './logging';
import { refuseControlCharacters } from './input-rules';
import { healthRoutes } from './health/health.routes';
import { createMetrics, instrumentRequests, type AppMetrics } from './metrics/metrics';
import { metricsRoutes } from './metrics/metrics.routes';
import { publicCaseRoutes } from './public-cases/public-cases.routes';
import { publicMapRoutes } from './public-map/public-map.routes';
import { placesRoutes } from './places/places.routes';
import { classifyRoutes } from './classify/classify.routes';
import { registerPortal } from './portal/portal-app';
import { portalSettingsRoutes } from './portal/portal-settings.routes';
import { taxonomyRoutes } from './taxonomy/taxonomy.routes';

export interface AppDeps extends ServiceDeps {
  temporalProbe: Connection;
  metrics: AppMetrics;
}

export const ADMIN_DIST = path.resolve(__dirname, '..', 'admin', 'dist');

/**
 * Builds the API without listening. Dependencies not passed in are created from the configuration
 * and closed with the app; both connect lazily, so the API starts and reports not ready while
 * PostgreSQL or Temporal is away.
 */
export async function buildApp(
  config: Config,
  overrides: Partial<Pick<AppDeps, 'orm' | 'temporal'>> & { logDestination?: LogDestination } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config, overrides.logDestination),
    bodyLimit: 1024 * 1024,
    // Rate limits key on the client's address: X-Forwarded-For counts only when a trusted proxy sent
    // it, or any client could name a new address per request and never be limited.
    trustProxy: config.http.trustedProxies.length ? config.http.trustedProxies : false,
    // Malformed URLs (broken percent-encoding) are refused before routing: still in each API's shape.
    frameworkErrors: (error, request, rawReply) => {
      const reply = rawReply as FastifyReply;
      if (request.url.startsWith('/open311/v2/')) {
        void sendOpen311Errors(request, reply, 400, [error.message]);
        return;
      }
      void reply.code(400).send({ statusCode: 400, code: 'VALIDATION_FAILED', message: error.message });
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  refuseControlCharacters(app);

  const orm = overrides.orm ?? openDatabase(config);
  const deps: AppDeps = {
    config,
    orm,
    temporal: overrides.temporal ?? createTemporalClient(config),
    temporalProbe: createTemporalProbeConnection(config),
    metrics: createMetrics(() => intakeBacklog(sqlOf(orm))),
  };
  instrumentRequests(app, deps.metrics);
  const routes = <P extends object>(factory: (deps: AppDeps) => P): P =>
    namedPlugin(factory.name, factory(deps));
  app.addHook('onClose', async () => {
    await deps.temporalProbe.close();
    if (!overrides.orm) await deps.orm.close();
    if (!overrides.temporal) await deps.temporal.connection.close();
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // MUI and Swagger UI inject style elements; scripts stay same-origin only.
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        // Map tiles come from the configured tile server only; photos are shown as blobs.
        imgSrc: ["'self'", 'data:', 'blob:', tileImageSource(config.map.tileUrl)],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
    },
    // The API is read by other origins' apps (CORS decides which); resources need not be isolated.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });
  await app.register(cors, {
    origin: config.http.corsOrigins.length ? config.http.corsOrigins : false,
    exposedHeaders: ['Content-Range', 'Location'],
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'civicflow API',
        description: 'Public intake and tracking of city cases, and the back office of the contact center.',
        version: '1',
      },
      tags: [
        { name: 'cases', description: 'Residents file and track cases' },
        { name: 'chat', description: 'Residents chat with the contact center' },
        { name: 'bookings', description: 'Residents book, move and cancel visits at city offices' },
        { name: 'knowledge', description: 'Residents read answers about City Hall services' },
        { name: 'auth', description: 'Back-office sign-in' },
        { name: 'back office', description: 'Clerks, unit staff, managers and administrators' },
        { name: 'connectors', description: "Units' own IT systems" },
        { name: 'announcements', description: 'City alerts, outages, road closures, events and news' },
        { name: 'open data', description: 'Anonymised cases for anyone to reuse' },
        { name: 'operations', description: 'Health and readiness' },
      ],
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  await app.register(jwt, { secret: `${config.secret}:back-office-sessions` });
  // Before any route: the plugin upgrades only the routes registered after it (chat sockets).
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(routes(healthRoutes));
  await app.register(routes(metricsRoutes));
  await app.register(routes(publicCaseRoutes), { prefix: '/api/v1' });
  await app.register(routes(bookingRoutes), { prefix: '/api/v1' });
  await app.register(routes(publicMapRoutes), { prefix: '/api/v1' });
  await app.register(routes(placesRoutes), { prefix: '/api/v1' });
  await app.register(routes(classifyRoutes), { prefix: '/api/v1' });
  await app.register(routes(taxonomyRoutes), { prefix: '/api/v1' });
  await app.register(routes(portalSettingsRoutes), { prefix: '/api/v1' });
  await app.register(routes(announcementRoutes), { prefix: '/api/v1' });
  await app.register(routes(openDataRoutes), { prefix: '/api/v1' });
  await app.register(routes(knowledgeRoutes), { prefix: '/api/v1' });
  await app.register(routes(authRoutes), { prefix: '/api/auth' });
  await app.register(routes(backOfficeCaseRoutes), { prefix: '/api' });
  await app.register(routes(caseChangeRoutes), { prefix: '/api' });
  await app.register(routes(settingsRoutes), { prefix: '/api' });
  await app.register(routes(caseActionRoutes), { prefix: '/api' });
  await app.register(routes(forwardTargetRoutes), { prefix: '/api' });
  await app.register(routes(backOfficeBookingRoutes), { prefix: '/api' });
  await app.register(routes(bookingOfficeRoutes), { prefix: '/api' });
  await app.register(routes(bookingServiceRoutes), { prefix: '/api' });
  await app.register(routes(callRoutes), { prefix: '/api' });
  await app.register(routes(backOfficeChatRoutes), { prefix: '/api' });
  await app.register(routes(chatRoutes), { prefix: '/api/v1' });
  await app.register(routes(chatWidgetRoutes));
  await app.register(routes(unitRoutes), { prefix: '/api' });
  await app.register(routes(userRoutes), { prefix: '/api' });
  await app.register(routes(subcategoryRoutes), { prefix: '/api' });
  await app.register(routes(taxonomyEventRoutes), { prefix: '/api' });
  await app.register(routes(routingRuleRoutes), { prefix: '/api' });
  await app.register(routes(slaPolicyRoutes), { prefix: '/api' });
  await app.register(routes(businessCalendarRoutes), { prefix: '/api' });
  await app.register(routes(configChangeRoutes), { prefix: '/api' });
  await app.register(routes(responseTemplateRoutes), { prefix: '/api' });
  await app.register(routes(backOfficeAnnouncementRoutes), { prefix: '/api' });
  await app.register(routes(knowledgeArticleRoutes), { prefix: '/api' });
  await app.register(routes(knowledgeCategoryRoutes), { prefix: '/api' });
  await app.register(routes(statisticsRoutes), { prefix: '/api' });
  await app.register(routes(open311ClientRoutes), { prefix: '/api' });
  await app.register(routes(unitCallbackRoutes), { prefix: '/api/connectors' });
  await app.register(routes(open311Routes), { prefix: '/open311/v2' });
  await app.register(routes(attachmentRoutes));
  await registerBackOffice(app);
  await registerPortal(app, config.portal.distDir);
  return app;
}

/** Serves the built react-admin app; without a build, says how to make one. */
async function registerBackOffice(app: FastifyInstance): Promise<void> {
  // Residents come first: the city's address opens the portal; staff go to /admin/.
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/portal/'));
  if (fs.existsSync(path.join(ADMIN_DIST, 'index.html'))) {
    await app.register(fastifyStatic, builtFrontendFiles(ADMIN_DIST, '/admin/'));
    app.get('/admin', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/admin/'));
  } else {
    app.get('/admin/*', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .status(503)
        .type('text/plain')
        .send('The back office is not built yet: run `npm run admin:build`.'),
    );
  }
}
