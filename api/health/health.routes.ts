import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app';

const dependencyStatus = z.object({ ok: z.boolean(), error: z.string().optional() });
const readiness = z.object({
  status: z.enum(['ready', 'not_ready']),
  dependencies: z.object({ postgres: dependencyStatus, temporal: dependencyStatus }),
  missing: z.array(z.string()),
});

async function check(
  probe: () => Promise<void>,
  timeoutMs: number,
): Promise<z.infer<typeof dependencyStatus>> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

export const healthRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['operations'],
        summary: 'Liveness: the API process is up',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/ready',
    {
      schema: {
        tags: ['operations'],
        summary: 'Readiness: PostgreSQL and Temporal are reachable',
        response: { 200: readiness, 503: readiness },
      },
    },
    async (_request, reply) => {
      const [postgres, temporal] = await Promise.all([
        check(async () => {
          const result = await deps.orm.checkConnection();
          if (!result.ok) throw new Error(result.reason);
        }, 3000),
        check(async () => {
          const connection = deps.temporalProbe;
          await connection.withDeadline(Date.now() + 3000, () =>
            connection.workflowService.getSystemInfo({}),
          );
        }, 3500),
      ]);
      const missing = [...(postgres.ok ? [] : ['postgres']), ...(temporal.ok ? [] : ['temporal'])];
      const body = {
        status: missing.length ? ('not_ready' as const) : ('ready' as const),
        dependencies: { postgres, temporal },
        missing,
      };
      return reply.status(missing.length ? 503 : 200).send(body);
    },
  );
};
