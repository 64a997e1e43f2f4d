import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../api/app';
import { caseNumberToSlug } from '../../domain/cases/case-number';
import { caseIdOfNumber, eventually, startTestApp, type TestApp } from '../support/integration';
import { startSmtpListener, type SmtpListener } from '../support/smtp-listener';

/** What the tests use of the `ws` client that @fastify/websocket brings (it ships no types here). */
interface WsClient {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  on(event: 'open', listener: () => void): void;
  on(event: 'message', listener: (data: Buffer) => void): void;
  on(event: 'close', listener: (code: number) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const WebSocketClient = require('ws') as new (url: string) => WsClient;

type Frame = { type: string; [key: string]: unknown };
type MessageFrame = Frame & {
  seq: number;
  sender: string;
  author: string | null;
  text: string;
  clientId: string | null;
};

/** One WebSocket peer: every frame it received, in order, and a way to wait for the next one. */
class Peer {
  readonly frames: Frame[] = [];
  readonly closed: Promise<number>;
  private waiters: (() => void)[] = [];

  private constructor(readonly socket: WsClient) {
    this.closed = new Promise((resolve) => socket.on('close', (code) => resolve(code)));
    socket.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString('utf8')) as Frame);
      for (const wake of this.waiters.splice(0)) wake();
    });
    socket.on('close', () => {
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  static open(url: string): Promise<Peer> {
    const socket = new WebSocketClient(url);
    return new Promise((resolve, reject) => {
      socket.on('open', () => resolve(new Peer(socket)));
      socket.on('error', reject);
    });
  }

  send(frame: object): void {
    this.socket.send(JSON.stringify(frame));
  }

  /** The first frame from `from` on that matches, waiting for it if it has not come yet. */
  async next(match: (frame: Frame) => boolean, what: string, from = 0, timeoutMs = 10_000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.slice(from).find(match);
      if (found) return found;
      if (this.socket.readyState > 1) throw new Error(`socket closed before ${what}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${what} within ${timeoutMs} ms: ${JSON.stringify(this.frames)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  messages(): MessageFrame[] {
    return this.frames.filter((frame): frame is MessageFrame => frame.type === 'message');
  }

  close(): Promise<number> {
    this.socket.close();
    return this.closed;
  }
}

const clientId = () => randomUUID().replace(/-/g, '');

/**
 * The live chat on the real PostgreSQL and Temporal dev server, through real WebSockets: messages
 * are stored before they are sent on, reconnects replay what was missed exactly once, clerks take,
 * answer and end chats as cases whose timeline holds the transcript, and residents leave messages
 * when nobody answers. A second API instance on the same database checks the fan-out between
 * replicas (PostgreSQL LISTEN/NOTIFY).
 */
describe('live chat', () => {
  let smtp: SmtpListener;
  let fixture: TestApp;
  let wsBase: string;
  const peers: Peer[] = [];

  beforeAll(async () => {
    smtp = await startSmtpListener();
    fixture = await startTestApp({ worker: true, demoUsers: true, config: { SMTP_URL: smtp.url } });
    await fixture.app.listen({ host: '127.0.0.1', port: 0 });
    const address = fixture.app.server.address();
    wsBase = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await Promise.all(peers.map((peer) => peer.close()));
    await fixture?.close();
    await smtp?.close();
  });

  async function open(url: string, base = wsBase): Promise<Peer> {
    const peer = await Peer.open(`${base}${url}`);
    peers.push(peer);
    return peer;
  }

  async function startChat(body: Record<string, unknown> = {}) {
    const response = await fixture.app.inject({
      method: 'POST',
      url: '/api/v1/chat',
      payload: { name: 'Anna Nowak', email: `anna-${randomUUID()}@example.org`, ...body },
    });
    expect(response.statusCode).toBe(201);
    return response.json<{ id: string; token: string; status: string; links: { socket: string } }>();
  }

  async function resident(chat: { id: string; token: string }, lastSeq = 0, base = wsBase): Promise<Peer> {
    const peer = await open(`/api/v1/chat/${chat.id}/ws`, base);
    peer.send({ type: 'hello', token: chat.token, lastSeq });
    await peer.next((frame) => frame.type === 'state', 'the chat state');
    return peer;
  }

  async function clerkSocket(username = 'clerk', base = wsBase): Promise<Peer> {
    const peer = await open('/api/chats/ws', base);
    peer.send({ type: 'hello', token: (await fixture.authorization(username)).slice('Bearer '.length) });
    await peer.next((frame) => frame.type === 'queue', 'the queue');
    return peer;
  }

  /** Sends a line and waits for its acknowledgement; a clerk's frame also names the chat. */
  async function say(peer: Peer, text: string, id = clientId(), chatId?: string): Promise<number> {
    const from = peer.frames.length;
    peer.send({ type: 'message', clientId: id, text, ...(chatId ? { chatId } : {}) });
    const ack = await peer.next(
      (frame) => frame.type === 'ack' && frame.clientId === id,
      `ack of "${text}"`,
      from,
    );
    return ack.seq as number;
  }

  async function staff(method: 'GET' | 'POST', url: string, payload?: object, as = 'clerk') {
    return fixture.app.inject({
      method,
      url,
      payload,
      headers: { authorization: await fixture.authorization(as) },
    });
  }

  async function storedMessages(chatId: string) {
    return fixture.orm.em
      .fork()
      .execute<{ seq: number; sender: string; text: string }[]>(
        'select seq, sender, text from chat_messages where session_id = ? order by seq',
        [chatId],
      );
  }

  async function chatCasesThisYear(): Promise<number> {
    const response = await staff('GET', '/api/statistics/contacts-per-year', undefined, 'manager');
    expect(response.statusCode).toBe(200);
    const years = response.json<{ years: { byChannel: { channel: string; count: number }[] }[] }>().years;
    return years.at(-1)!.byChannel.find((entry) => entry.channel === 'CHAT')!.count;
  }

  it('stores every message with its number, counts a resent one once, and replays only what a reconnect missed', async () => {
    const chat = await startChat();
    const residentPeer = await resident(chat);
    expect(residentPeer.frames[0]).toMatchObject({ type: 'state', status: 'WAITING', case: null });

    const firstId = clientId();
    expect(await say(residentPeer, 'Dzień dobry, kiedy jest odbiór gabarytów na Woli?', firstId)).toBe(1);
    // The same client id again (an ack lost on the way): acknowledged with the first number, stored once.
    expect(await say(residentPeer, 'Dzień dobry, kiedy jest odbiór gabarytów na Woli?', firstId)).toBe(1);
    expect(await storedMessages(chat.id)).toHaveLength(1);

    const taken = await staff('POST', `/api/chats/${chat.id}/take`);
    expect(taken.statusCode).toBe(200);
    expect(taken.json()).toMatchObject({ status: 'ACTIVE', clerkUsername: 'clerk', heldByMe: true });
    await residentPeer.next((frame) => frame.type === 'state' && frame.status === 'ACTIVE', 'ACTIVE state');
    await residentPeer.next(
      (frame) => frame.type === 'message' && frame.sender === 'SYSTEM' && frame.text === 'CLERK_JOINED',
      'the clerk joining',
    );
    const seen = Math.max(...residentPeer.messages().map((message) => message.seq));
    expect(seen).toBe(2);
    await residentPeer.close();

    // While the resident is away, the clerk answers over REST and over the clerk socket.
    const reply = await staff('POST', `/api/chats/${chat.id}/messages`, {
      clientId: clientId(),
      text: 'Dzień dobry! Odbiór jest w każdą drugą środę miesiąca.',
    });
    expect(reply.statusCode).toBe(201);
    expect(reply.json()).toEqual({ seq: 3, duplicate: false });
    const clerkPeer = await clerkSocket();
    clerkPeer.send({ type: 'watch', chatId: chat.id, lastSeq: 0 });
    await clerkPeer.next((frame) => frame.type === 'message' && frame.seq === 3, 'the transcript replayed');
    expect(await say(clerkPeer, 'Czy mogę jeszcze w czymś pomóc?', clientId(), chat.id)).toBe(4);
    expect(await say(clerkPeer, 'Proszę pisać śmiało.', clientId(), chat.id)).toBe(5);
    await clerkPeer.next((frame) => frame.type === 'message' && frame.seq === 5, 'the clerk’s second line');

    const back = await resident(chat, seen);
    await back.next((frame) => frame.type === 'message' && frame.seq === 5, 'the missed messages');
    expect(back.messages().map((message) => message.seq)).toEqual([3, 4, 5]);
    expect(back.messages().map((message) => message.sender)).toEqual(['CLERK', 'CLERK', 'CLERK']);

    // Live both ways: the resident's line reaches the clerk watching the chat.
    const from = clerkPeer.frames.length;
    await say(back, 'Nie, dziękuję, to wszystko.');
    await clerkPeer.next(
      (frame) => frame.type === 'message' && frame.sender === 'RESIDENT' && frame.seq === 6,
      'the resident’s line at the clerk',
      from,
    );
    expect((await storedMessages(chat.id)).map((message) => message.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('a clerk turns the chat into a CHAT case with the transcript on its timeline; the resident sees the number', async () => {
    const before = await chatCasesThisYear();
    const chat = await startChat({ name: 'Jan Kowalski' });
    const residentPeer = await resident(chat);
    await say(residentPeer, 'Na ulicy Kasprzaka jest ogromna dziura w jezdni, przy przystanku.');
    expect((await staff('POST', `/api/chats/${chat.id}/take`)).statusCode).toBe(200);
    await staff('POST', `/api/chats/${chat.id}/messages`, {
      text: 'Przyjmuję zgłoszenie, przekażemy je do ZDM.',
    });

    const converted = await staff('POST', `/api/chats/${chat.id}/case`, {
      kind: 'INCIDENT',
      eventCode: 'POTHOLE',
      location: { district: 'Wola', street: 'Kasprzaka' },
    });
    expect(converted.statusCode).toBe(201);
    const result = converted.json<{
      chat: { status: string; outcome: string; caseNumber: string };
      case: { id: string; number: string };
    }>();
    expect(result.chat).toMatchObject({ status: 'CLOSED', outcome: 'CASE', caseNumber: result.case.number });

    const [row] = await fixture.orm.em
      .fork()
      .execute<{ channel: string; kind: string; description: string; contact_name: string }[]>(
        'select channel, kind, description, contact_name from cases where id = ?',
        [result.case.id],
      );
    expect(row).toMatchObject({
      channel: 'CHAT',
      kind: 'INCIDENT',
      description: 'Na ulicy Kasprzaka jest ogromna dziura w jezdni, przy przystanku.',
      contact_name: 'Jan Kowalski',
    });
    const events = await staff(
      'GET',
      `/api/case-events?filter=${encodeURIComponent(JSON.stringify({ caseId: result.case.id }))}`,
    );
    const transcript = events
      .json<
        { type: string; note: string | null; payload: { messages: { sender: string; text: string }[] } }[]
      >()
      .find((event) => event.type === 'CHAT_TRANSCRIPT');
    expect(transcript?.note).toContain('Jan Kowalski (mieszkaniec): Na ulicy Kasprzaka jest ogromna dziura');
    expect(transcript?.note).toContain('(konsultant): Przyjmuję zgłoszenie, przekażemy je do ZDM.');
    expect(transcript?.payload.messages.map((message) => message.sender)).toEqual([
      'RESIDENT',
      'SYSTEM',
      'CLERK',
      'SYSTEM',
    ]);

    await residentPeer.next(
      (frame) =>
        frame.type === 'state' &&
        frame.outcome === 'CASE' &&
        (frame.case as { number: string } | null)?.number === result.case.number,
      'the case number at the resident',
    );
    // The clerk's kind and event are the classification: the workflow routes the case to the roads unit.
    await eventually(
      async () => {
        const [current] = await fixture.orm.em
          .fork()
          .execute<{ status: string; unit_code: string | null }[]>(
            'select status, unit_code from cases where id = ?',
            [result.case.id],
          );
        return current.status === 'FORWARDED' && current.unit_code === 'ZDM';
      },
      { what: 'the chat case routed to ZDM' },
    );

    // Sending it again returns the same case; ending it another way is refused; the chat takes no more lines.
    const again = await staff('POST', `/api/chats/${chat.id}/case`, {
      kind: 'INCIDENT',
      eventCode: 'POTHOLE',
    });
    expect(again.statusCode).toBe(201);
    expect(again.json().case.id).toBe(result.case.id);
    expect((await staff('POST', `/api/chats/${chat.id}/answer`, {})).statusCode).toBe(409);
    const from = residentPeer.frames.length;
    residentPeer.send({ type: 'message', clientId: clientId(), text: 'Jeszcze jedno' });
    expect(await residentPeer.next((frame) => frame.type === 'error', 'a refusal', from)).toMatchObject({
      code: 'INVALID_TRANSITION',
    });
    expect(await chatCasesThisYear()).toBe(before + 1);
  });

  it('closing a chat as answered files an answered INFORMATION case, counted as a CHAT contact', async () => {
    const before = await chatCasesThisYear();
    const email = `answered-${randomUUID()}@example.org`;
    const chat = await startChat({ email });
    const residentPeer = await resident(chat);
    await say(residentPeer, 'W jakich godzinach działa urząd dzielnicy Mokotów?');
    await staff('POST', `/api/chats/${chat.id}/take`);
    await staff('POST', `/api/chats/${chat.id}/messages`, {
      text: 'Urząd działa od 8:00 do 16:00, w poniedziałki do 18:00.',
    });

    const answered = await staff('POST', `/api/chats/${chat.id}/answer`, {});
    expect(answered.statusCode).toBe(201);
    const caseId = answered.json<{ case: { id: string } }>().case.id;
    expect(answered.json()).toMatchObject({ chat: { status: 'CLOSED', outcome: 'ANSWERED' } });
    await residentPeer.next(
      (frame) => frame.type === 'state' && frame.outcome === 'ANSWERED',
      'the chat answered',
    );

    const status = await eventually(
      async () => {
        const [row] = await fixture.orm.em
          .fork()
          .execute<{ status: string; kind: string; channel: string }[]>(
            'select status, kind, channel from cases where id = ?',
            [caseId],
          );
        return ['ANSWERED', 'CLOSED'].includes(row.status) ? row : null;
      },
      { what: 'the case answered on intake' },
    );
    expect(status).toMatchObject({ kind: 'INFORMATION', channel: 'CHAT' });
    const [answer] = await fixture.orm.em
      .fork()
      .execute<{ note: string }[]>(`select note from case_events where case_id = ? and type = 'ANSWERED'`, [
        caseId,
      ]);
    expect(answer.note).toBe('Urząd działa od 8:00 do 16:00, w poniedziałki do 18:00.');
    // The answer also reaches the resident by mail, as every answered case does.
    const mail = await smtp.waitFor((message) => JSON.stringify(message.to).includes(email));
    expect(mail.text).toContain('Urząd działa od 8:00 do 16:00');
    expect(await chatCasesThisYear()).toBe(before + 1);
  });

  it('a resident leaves a message while nobody has taken the chat: it becomes a trackable case', async () => {
    const chat = await startChat({ name: undefined, email: undefined, language: 'en' });
    const residentPeer = await resident(chat);
    await say(residentPeer, 'The street lamp at Grójecka 100 has been off for a week.');

    const leaveId = clientId();
    const left = await fixture.app.inject({
      method: 'POST',
      url: `/api/v1/chat/${chat.id}/leave-message`,
      payload: {
        token: chat.token,
        message: 'Please call me back.',
        clientId: leaveId,
        email: 'resident@example.org',
      },
    });
    expect(left.statusCode).toBe(201);
    const filed = left.json<{ number: string; trackingToken: string }>();
    const caseId = await caseIdOfNumber(fixture.orm, filed.number);
    await residentPeer.next(
      (frame) => frame.type === 'state' && frame.status === 'LEFT_MESSAGE',
      'the chat ended',
    );

    const tracking = await fixture.app.inject(
      `/api/v1/cases/${caseNumberToSlug(filed.number)}?token=${filed.trackingToken}`,
    );
    expect(tracking.statusCode).toBe(200);
    const [row] = await fixture.orm.em
      .fork()
      .execute<{ channel: string; description: string; contact_email: string; language: string }[]>(
        'select channel, description, contact_email, language from cases where id = ?',
        [caseId],
      );
    expect(row).toEqual({
      channel: 'CHAT',
      description: 'The street lamp at Grójecka 100 has been off for a week.\nPlease call me back.',
      contact_email: 'resident@example.org',
      language: 'en',
    });
    const [transcript] = await fixture.orm.em
      .fork()
      .execute<{ actor: string }[]>(
        `select actor from case_events where case_id = ? and type = 'CHAT_TRANSCRIPT'`,
        [caseId],
      );
    expect(transcript.actor).toBe('channel:CHAT');

    // The same request again (the answer was lost): the same case.
    const again = await fixture.app.inject({
      method: 'POST',
      url: `/api/v1/chat/${chat.id}/leave-message`,
      payload: {
        token: chat.token,
        message: 'Please call me back.',
        clientId: leaveId,
        email: 'resident@example.org',
      },
    });
    expect(again.statusCode).toBe(201);
    expect(again.json().number).toBe(filed.number);

    // The widget sends the lines it has no acknowledgement for along with the message: a line the
    // socket did deliver (its ack was still on the way) counts once, a line it did not is added.
    const racing = await startChat({ name: undefined, email: undefined, language: 'en' });
    const racingPeer = await resident(racing);
    const delivered = clientId();
    await say(racingPeer, 'The bin at Plac Zbawiciela is full.', delivered);
    const raced = await fixture.app.inject({
      method: 'POST',
      url: `/api/v1/chat/${racing.id}/leave-message`,
      payload: {
        token: racing.token,
        unsent: [
          { clientId: delivered, text: 'The bin at Plac Zbawiciela is full.' },
          { clientId: clientId(), text: 'It smells.' },
        ],
        message: 'I pass it every morning.',
        clientId: clientId(),
        email: 'resident@example.org',
      },
    });
    expect(raced.statusCode).toBe(201);
    const [racedRow] = await fixture.orm.em
      .fork()
      .execute<{ description: string }[]>('select description from cases where number = ?', [
        raced.json<{ number: string }>().number,
      ]);
    expect(racedRow.description).toBe(
      'The bin at Plac Zbawiciela is full.\nIt smells.\nI pass it every morning.',
    );

    // Once a clerk has taken a chat, the resident talks to the clerk instead.
    const other = await startChat();
    await staff('POST', `/api/chats/${other.id}/take`);
    const refused = await fixture.app.inject({
      method: 'POST',
      url: `/api/v1/chat/${other.id}/leave-message`,
      payload: { token: other.token, message: 'Hello?' },
    });
    expect(refused.statusCode).toBe(409);
  });

  it('shows the clerk the resident’s earlier cases by e-mail, and the queue live over the socket', async () => {
    const email = `history-${randomUUID()}@example.org`;
    const earlier = await fixture.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      payload: { kind: 'SUGGESTION', description: 'Więcej ławek w parku', contact: { email } },
    });
    expect(earlier.statusCode).toBe(201);

    const clerkPeer = await clerkSocket();
    const from = clerkPeer.frames.length;
    const chat = await startChat({ email: email.toUpperCase() });
    await clerkPeer.next(
      (frame) => frame.type === 'chat' && (frame.chat as { id: string; status: string }).id === chat.id,
      'the new chat in the live queue',
      from,
    );
    const queue = await staff(
      'GET',
      `/api/chats?filter=${encodeURIComponent(JSON.stringify({ status: ['WAITING'] }))}&range=[0,499]`,
    );
    expect(queue.statusCode).toBe(200);
    expect(queue.headers['content-range']).toMatch(/^chats \d+-\d+\/\d+$/);
    expect(queue.json<{ id: string }[]>().map((row) => row.id)).toContain(chat.id);

    const history = await staff('GET', `/api/chats/${chat.id}/resident-cases`);
    expect(history.statusCode).toBe(200);
    expect(history.json()).toEqual([
      expect.objectContaining({ number: earlier.json().number, kind: 'SUGGESTION' }),
    ]);

    const availability = await fixture.app.inject('/api/v1/chat/availability');
    expect(availability.json()).toEqual({ clerksOnline: true });
  });

  it('fans out between API replicas: a resident on one instance hears the clerk on another', async () => {
    const second: FastifyInstance = await buildApp(fixture.config, {
      orm: fixture.orm,
      temporal: fixture.temporal,
    });
    try {
      await second.listen({ host: '127.0.0.1', port: 0 });
      const address = second.server.address();
      const secondBase = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      const chat = await startChat();
      const residentPeer = await resident(chat, 0, wsBase);
      await say(residentPeer, 'Czy ktoś mnie słyszy?');
      const clerkPeer = await clerkSocket('clerk', secondBase);
      await staff('POST', `/api/chats/${chat.id}/take`);
      clerkPeer.send({ type: 'watch', chatId: chat.id, lastSeq: 0 });
      await say(clerkPeer, 'Tak, słyszę. W czym mogę pomóc?', clientId(), chat.id);
      await residentPeer.next(
        (frame) => frame.type === 'message' && frame.text === 'Tak, słyszę. W czym mogę pomóc?',
        'the clerk’s line from the other replica',
      );
      await clerkPeer.close();
    } finally {
      await second.close();
    }
  });

  it('refuses bad input with 4xx and names the problem', async () => {
    const badEmail = await fixture.app.inject({
      method: 'POST',
      url: '/api/v1/chat',
      payload: { email: 'nope' },
    });
    expect(badEmail.statusCode).toBe(400);
    expect(badEmail.json().errors).toHaveProperty('email');
    const unknownField = await fixture.app.inject({
      method: 'POST',
      url: '/api/v1/chat',
      payload: { mood: 'happy' },
    });
    expect(unknownField.statusCode).toBe(400);
    expect(
      (
        await fixture.app.inject({
          method: 'POST',
          url: '/api/v1/chat/not-a-uuid/leave-message',
          payload: { token: 'x'.repeat(20) },
        })
      ).statusCode,
    ).toBe(400);

    const chat = await startChat();
    const wrongToken = await fixture.app.inject({
      method: 'POST',
      url: `/api/v1/chat/${chat.id}/leave-message`,
      payload: { token: 'x'.repeat(32), message: 'Halo' },
    });
    expect(wrongToken.statusCode).toBe(404);
    // Nothing written in the chat yet: nothing to file.
    const empty = await fixture.app.inject({
      method: 'POST',
      url: `/api/v1/chat/${chat.id}/leave-message`,
      payload: { token: chat.token },
    });
    expect(empty.statusCode).toBe(422);

    const intruder = await open(`/api/v1/chat/${chat.id}/ws`);
    intruder.send({ type: 'hello', token: 'y'.repeat(32), lastSeq: 0 });
    expect(await intruder.closed).toBe(4401);
    const garbled = await open(`/api/v1/chat/${chat.id}/ws`);
    garbled.send({ type: 'message', text: 'no hello' });
    expect(await garbled.closed).toBe(4400);

    const residentPeer = await resident(chat);
    let from = residentPeer.frames.length;
    residentPeer.send({ type: 'message', clientId: clientId(), text: 'x'.repeat(2001) });
    expect(await residentPeer.next((frame) => frame.type === 'error', 'a refusal', from)).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('text'),
    });
    from = residentPeer.frames.length;
    residentPeer.send({ type: 'message', clientId: clientId(), text: 'Dzień dobry\u0000' });
    expect(await residentPeer.next((frame) => frame.type === 'error', 'a refusal', from)).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'Invalid text: must not contain control characters',
    });
    from = residentPeer.frames.length;
    residentPeer.socket.send('not json');
    expect(await residentPeer.next((frame) => frame.type === 'error', 'a refusal', from)).toMatchObject({
      code: 'VALIDATION_FAILED',
    });

    // Nothing to file until the resident has written something; a reply before taking the chat is refused.
    expect((await staff('POST', `/api/chats/${chat.id}/messages`, { text: 'Halo?' })).statusCode).toBe(409);
    await staff('POST', `/api/chats/${chat.id}/take`);
    expect((await staff('POST', `/api/chats/${chat.id}/case`, {})).statusCode).toBe(422);
    await say(residentPeer, 'Mam problem z dziurą');
    const incidentWithoutEvent = await staff('POST', `/api/chats/${chat.id}/case`, { kind: 'INCIDENT' });
    expect(incidentWithoutEvent.statusCode).toBe(422);
    expect(incidentWithoutEvent.json().errors).toHaveProperty('eventCode');
    const unknownDistrict = await staff('POST', `/api/chats/${chat.id}/case`, {
      kind: 'COMPLAINT',
      location: { district: 'Atlantyda' },
    });
    expect(unknownDistrict.statusCode).toBe(422);
    expect(unknownDistrict.json().errors).toHaveProperty(['location.district']);
    // Another clerk can neither take nor speak in a chat held by someone else.
    expect((await staff('POST', `/api/chats/${chat.id}/take`, undefined, 'admin')).statusCode).toBe(409);
    expect((await staff('POST', `/api/chats/${chat.id}/messages`, { text: 'Hej' }, 'admin')).statusCode).toBe(
      409,
    );
    expect((await staff('GET', `/api/chats/${randomUUID()}`)).statusCode).toBe(404);
  });

  it('lets only clerks and administrators into the staff endpoints and the staff socket', async () => {
    const chat = await startChat();
    const urls: ['GET' | 'POST', string][] = [
      ['GET', '/api/chats'],
      ['GET', `/api/chats/${chat.id}`],
      ['GET', `/api/chats/${chat.id}/resident-cases`],
      ['POST', `/api/chats/${chat.id}/take`],
    ];
    for (const [method, url] of urls) {
      const anonymous = await fixture.app.inject({ method, url });
      expect({ url, status: anonymous.statusCode }).toEqual({ url, status: 401 });
      for (const who of ['manager', 'zdm']) {
        const response = await staff(method, url, undefined, who);
        expect({ url, who, status: response.statusCode }).toEqual({ url, who, status: 403 });
      }
    }
    const anonymousSocket = await open('/api/chats/ws');
    anonymousSocket.send({ type: 'hello', token: 'not-a-valid-token-at-all' });
    expect(await anonymousSocket.closed).toBe(4401);
    const managerSocket = await open('/api/chats/ws');
    managerSocket.send({
      type: 'hello',
      token: (await fixture.authorization('manager')).slice('Bearer '.length),
    });
    expect(await managerSocket.closed).toBe(4403);
  });

  it('documents the chat routes in the OpenAPI document', async () => {
    const response = await fixture.app.inject('/docs/json');
    expect(response.statusCode).toBe(200);
    const paths = response.json<{ paths: Record<string, Record<string, unknown>> }>().paths;
    for (const [path, method] of [
      ['/api/v1/chat', 'post'],
      ['/api/v1/chat/availability', 'get'],
      ['/api/v1/chat/{id}/leave-message', 'post'],
      ['/api/chats', 'get'],
      ['/api/chats/{id}', 'get'],
      ['/api/chats/{id}/take', 'post'],
      ['/api/chats/{id}/messages', 'post'],
      ['/api/chats/{id}/case', 'post'],
      ['/api/chats/{id}/answer', 'post'],
      ['/api/chats/{id}/resident-cases', 'get'],
      ['/chat', 'get'],
    ]) {
      expect({ path, documented: Boolean(paths[path]?.[method]) }).toEqual({ path, documented: true });
    }
  });

  it('serves the widget page in Polish and English under a CSP that allows its own script and socket', async () => {
    const polish = await fixture.app.inject('/chat');
    expect(polish.statusCode).toBe(200);
    expect(polish.headers['content-type']).toContain('text/html');
    expect(polish.body).toContain('<html lang="pl">');
    const csp = String(polish.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'self'");
    const english = await fixture.app.inject('/chat?lang=en');
    expect(english.body).toContain('<html lang="en">');
    expect(english.body).toContain('Chat with the Warsaw 19115 Contact Center');
    expect((await fixture.app.inject('/chat?lang=de')).statusCode).toBe(400);
    const script = await fixture.app.inject('/chat/widget.js');
    expect(script.headers['content-type']).toContain('text/javascript');
  });
});
