import net from 'node:net';
import { freePort } from '../support/free-port';
import { startTestApp } from '../support/integration';

const NEW_CASE = {
  kind: 'INCIDENT',
  eventCode: 'POTHOLE',
  description: 'Deep pothole, right lane',
  district: 'Mokotów',
};

/** A "PostgreSQL" that accepts every connection and closes it at once, as a server going down does. */
async function closingServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return {
    port: address.port,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

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
      // Names only: a driver's message (hosts, ports, users) is for the log, not for anyone asking.
      expect(ready.json()).toEqual({
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
      expect(one.json()).toEqual({
        status: 'not_ready',
        missing: ['temporal'],
        dependencies: { postgres: { ok: true }, temporal: { ok: false } },
      });
      const both = await bothDown.app.inject('/ready');
      expect(both.statusCode).toBe(503);
      expect(both.json().missing).toEqual(['postgres', 'temporal']);
    } finally {
      await temporalDown.close();
      await bothDown.close();
    }
  });

  it('answers 503 with Retry-After, not 500, on public routes while the database refuses connections', async () => {
    const port = await freePort();
    const fixture = await startTestApp({
      config: { DATABASE_URL: `postgresql://postgres@127.0.0.1:${port}/none`, LOG_LEVEL: 'silent' },
    });
    try {
      for (const request of [
        { method: 'GET' as const, url: '/api/v1/announcements' },
        { method: 'GET' as const, url: '/api/v1/cases/000001-26?token=abcdefghijklmnopqrstuvwxyz012345' },
        { method: 'POST' as const, url: '/api/v1/cases', payload: NEW_CASE },
      ]) {
        const response = await fixture.app.inject(request);
        expect({ url: request.url, status: response.statusCode }).toEqual({ url: request.url, status: 503 });
        expect(response.headers['retry-after']).toBe('30');
        expect(response.json()).toMatchObject({
          code: 'DEPENDENCY_UNAVAILABLE',
          message: expect.stringMatching(/database is not reachable/),
        });
      }
      expect((await fixture.app.inject('/ready')).json().missing).toEqual(['postgres']);
    } finally {
      await fixture.close();
    }
  });

  it('answers 503 with Retry-After when the database drops the connection', async () => {
    const server = await closingServer();
    const fixture = await startTestApp({
      config: { DATABASE_URL: `postgresql://postgres@127.0.0.1:${server.port}/none`, LOG_LEVEL: 'silent' },
    });
    try {
      const response = await fixture.app.inject('/api/v1/announcements');
      expect(response.statusCode).toBe(503);
      expect(response.headers['retry-after']).toBe('30');
      const ready = await fixture.app.inject('/ready');
      expect(ready.statusCode).toBe(503);
      expect(ready.json().missing).toEqual(['postgres']);
    } finally {
      await fixture.close();
      await server.close();
    }
  });
});
