import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { CaseChangeFeed, type CaseChangeMessage } from '../../services/cases/case-change-feed';
import { ChatHub, CHAT_CHANNEL, type HubNotice } from '../../services/chat/chat-hub';
import { PgChannelListener } from '../../db/pg-channel-listener';
import { eventually } from '../support/integration';
import { readTestServices } from '../support/test-services';

/**
 * The LISTEN connection shared by the case change feed and the chat hub, on the run's real
 * PostgreSQL: notices arrive, a connection the server kills is re-established (announced, so the
 * owner can tell its subscribers to reload) and a closed listener stays closed.
 */
describe('listening on a PostgreSQL channel', () => {
  const databaseUrl = readTestServices().databaseUrl;
  let admin: Client;
  const opened: PgChannelListener[] = [];

  beforeAll(async () => {
    admin = new Client({ connectionString: databaseUrl });
    await admin.connect();
  });

  afterAll(async () => {
    await Promise.all(opened.map((listener) => listener.close()));
    await admin?.end();
  });

  function listener(options: { wanted?: () => boolean } = {}) {
    const channel = `test_${randomUUID().replace(/-/g, '')}`;
    const heard = { payloads: [] as string[], connected: 0, reconnected: 0, warnings: [] as string[] };
    const created = new PgChannelListener({
      databaseUrl: urlNamed(channel),
      channel,
      name: 'test listener',
      log: { warn: (_details, message) => heard.warnings.push(message) },
      onPayload: (payload) => heard.payloads.push(payload),
      wanted: options.wanted ?? (() => true),
      onConnected: () => heard.connected++,
      onReconnected: () => heard.reconnected++,
    });
    opened.push(created);
    return { created, channel, heard };
  }

  const notify = (channel: string, payload: string) =>
    admin.query('select pg_notify($1, $2)', [channel, payload]);

  /**
   * A database URL naming its connections, so the test ends only its own: other test files of the
   * run listen on the same channels.
   */
  function urlNamed(applicationName: string): string {
    const url = new URL(databaseUrl);
    url.searchParams.set('application_name', applicationName);
    return url.toString();
  }

  /** Ends the listening connection from the server side, as a restart or failover would. */
  async function killConnection(applicationName: string): Promise<void> {
    const killed = await admin.query(
      `select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1`,
      [applicationName],
    );
    expect(killed.rowCount).toBe(1);
  }

  it('delivers the payloads announced on its channel once listening, and only those', async () => {
    const { created, channel, heard } = listener();
    expect(created.listening).toBe(false);
    await Promise.all([created.listen(), created.listen()]);
    expect(created.listening).toBe(true);
    expect(heard.connected).toBe(1);

    await notify(`${channel}_other`, 'not for us');
    await notify(channel, '{"n":1}');
    await notify(channel, '');
    await notify(channel, '{"n":2}');
    await eventually(async () => heard.payloads.length === 2, { what: 'both payloads' });
    expect(heard.payloads).toEqual(['{"n":1}', '{"n":2}']);
  });

  it('reconnects after the server drops the connection and hears what is announced afterwards', async () => {
    const { created, channel, heard } = listener();
    await created.listen();
    await killConnection(channel);

    await eventually(async () => heard.reconnected === 1, { what: 'the reconnection', timeoutMs: 10_000 });
    expect(heard.connected).toBe(2);
    expect(created.listening).toBe(true);
    expect(heard.warnings).toContain('test listener: connection error');
    await notify(channel, 'after the gap');
    await eventually(async () => heard.payloads.includes('after the gap'), { what: 'the payload' });
  });

  it('does not reconnect when nobody wants it any more', async () => {
    const { created, channel, heard } = listener({ wanted: () => false });
    await created.listen();
    await killConnection(channel);
    await eventually(async () => !created.listening, { what: 'the drop' });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(heard).toMatchObject({ connected: 1, reconnected: 0 });
  });

  it('stops cleanly: a closed listener lets its connection go and never comes back', async () => {
    const { created, channel, heard } = listener();
    await created.listen();
    await created.close();
    expect(created.listening).toBe(false);
    expect(created.closed).toBe(true);
    await eventually(
      async () =>
        (await admin.query(`select 1 from pg_stat_activity where query = $1`, [`listen ${channel}`]))
          .rowCount === 0,
      { what: 'the connection to end' },
    );
    await notify(channel, 'too late');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(heard.payloads).toEqual([]);
    expect(heard.reconnected).toBe(0);
  });

  it('refuses a channel name it would have to quote', () => {
    expect(
      () =>
        new PgChannelListener({
          databaseUrl,
          channel: 'x; drop table cases',
          name: 'test',
          log: { warn: () => undefined },
          onPayload: () => undefined,
          wanted: () => true,
        }),
    ).toThrow(/not a channel name/);
  });

  it('tells the case feed’s subscribers to reload after a reconnection, and the chat hub’s after every connection', async () => {
    const quiet = { warn: () => undefined };
    const feedConnection = `test_feed_${randomUUID().slice(0, 8)}`;
    const hubConnection = `test_hub_${randomUUID().slice(0, 8)}`;
    const feed = new CaseChangeFeed(urlNamed(feedConnection), quiet);
    const hub = new ChatHub(urlNamed(hubConnection), quiet);
    try {
      const feedHeard: CaseChangeMessage[] = [];
      const hubHeard: HubNotice[] = [];
      await feed.subscribe((message) => feedHeard.push(message));
      hub.subscribe((notice) => hubHeard.push(notice));
      await eventually(async () => hub.listening, { what: 'the hub to listen' });
      expect(feedHeard).toEqual([]);
      expect(hubHeard).toEqual([{ type: 'resync' }]);

      await killConnection(feedConnection);
      await killConnection(hubConnection);
      await eventually(async () => feedHeard.length === 1 && hubHeard.length === 2, {
        what: 'both to resync',
        timeoutMs: 10_000,
      });
      expect(feedHeard).toEqual([{ type: 'resync' }]);
      expect(hubHeard).toEqual([{ type: 'resync' }, { type: 'resync' }]);

      await notify(CHAT_CHANNEL, JSON.stringify({ type: 'presence' }));
      await eventually(async () => hubHeard.length === 3, { what: 'the chat notice' });
      expect(hubHeard[2]).toEqual({ type: 'presence' });
    } finally {
      await feed.close();
      await hub.close();
    }
  });
});
