import { freePort } from '../support/free-port';
import { startTestApp } from '../support/integration';

/**
 * /health says the process is up; /ready says which dependency is missing. The fixture's database
 * and Temporal connections are lazy, so it starts on addresses nobody answers on all the same.
 */
describe('health and readiness', () => {
  it('is live and ready with PostgreSQL and Temporal reachable', async () => {
    const fixture = await startTestApp();
    try {
      expect((await fixture.app.inject('/health')).json()).toEqual({ status: 'ok' });
      const ready = await fixture.app.inject('/ready');
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toEqual({
        status: 'ready',
        dependencies: { postgres: { ok: true }, temporal: { ok: true } },
        missing: [],
      });
    } finally {
      await fixture.close();
    }
  });

  it('answers 503 naming PostgreSQL when the database is down', async () => {
    const port = await freePort();
    const fixture = await startTestApp({
      config: { DATABASE_URL: `postgresql://postgres@127.0.0.1:${port}/none` },
    });
    try {
      expect((await fixture.app.inject('/health')).statusCode).toBe(200);
      const ready = await fixture.app.inject('/ready');
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({
        status: 'not_ready',
        missing: ['postgres'],
        dependencies: { postgres: { ok: false }, temporal: { ok: true } },
      });
    } finally {
      await fixture.close();
    }
  });

  it('answers 503 naming Temporal when the Temporal server is down, and both when both are', async () => {
    const [pgPort, temporalPort] = [await freePort(), await freePort()];
    const temporalDown = await startTestApp({ config: { TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}` } });
    const bothDown = await startTestApp({
      config: {
        TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
        DATABASE_URL: `postgresql://postgres@127.0.0.1:${pgPort}/none`,
      },
    });
    try {
      const one = await temporalDown.app.inject('/ready');
      expect(one.statusCode).toBe(503);
      expect(one.json()).toMatchObject({ missing: ['temporal'], dependencies: { temporal: { ok: false } } });
      expect(one.json().dependencies.temporal.error).toEqual(expect.any(String));
      const both = await bothDown.app.inject('/ready');
      expect(both.statusCode).toBe(503);
      expect(both.json().missing).toEqual(['postgres', 'temporal']);
    } finally {
      await temporalDown.close();
      await bothDown.close();
    }
  });
});
