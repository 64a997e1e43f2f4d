import type { FastifyBaseLogger } from 'fastify';
import type { z } from 'zod';
import type { Orm } from '../../services/service-deps';
import { AppError } from '../../domain/errors';
import { messagesAfter, type ChatMessageView } from '../../services/chat/chat-store';
import { findControlCharacter } from '../../domain/text/control-characters';

/** What the chat code uses of a `ws` socket (the package ships no types of its own here). */
export interface ChatSocket {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  ping(): void;
  terminate(): void;
  on(event: 'message', listener: (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => void): void;
  on(event: 'close', listener: (code: number) => void): void;
  on(event: 'pong', listener: () => void): void;
}

const OPEN = 1;

/** Close codes the widget and the back office act on: 44xx mirror the HTTP statuses. */
export const CLOSE = {
  /** No hello in time, or a token that opens nothing. */
  UNAUTHENTICATED: 4401,
  FORBIDDEN: 4403,
  NOT_FOUND: 4404,
  /** A frame that is not the protocol's JSON. */
  BAD_FRAME: 4400,
} as const;

/** The first frame must arrive within this, or the connection is closed as unauthenticated. */
export const HELLO_TIMEOUT_MS = 10_000;
/** Pings keep proxies from dropping idle sockets and find peers that vanished without a close. */
export const HEARTBEAT_MS = 25_000;

export function send(socket: ChatSocket, frame: object): void {
  if (socket.readyState === OPEN) socket.send(JSON.stringify(frame));
}

/** The error frame of a refused command: the same codes as the REST API's error bodies. */
export function errorFrame(error: unknown, extra: Record<string, unknown> = {}): object {
  if (error instanceof AppError) {
    return { type: 'error', code: error.code, status: error.status, message: error.message, ...extra };
  }
  return { type: 'error', code: 'INTERNAL', status: 500, message: 'Internal error', ...extra };
}

/** Parses one text frame against the protocol's schema; a refusal names the problem. */
export function parseFrame<T extends z.ZodType>(
  schema: T,
  data: Buffer | ArrayBuffer | Buffer[],
  isBinary: boolean,
): z.infer<T> {
  if (isBinary) throw new AppError('VALIDATION_FAILED', 'Frames are JSON text');
  const text = Array.isArray(data)
    ? Buffer.concat(data).toString('utf8')
    : Buffer.from(data as Buffer).toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError('VALIDATION_FAILED', 'Frames are JSON text');
  }
  // The same rule as every HTTP route's input (api/input-rules.ts): chat text reaches PostgreSQL too.
  const control = findControlCharacter(json, '');
  if (control) {
    const field = control.field.replace(/^\./, '') || 'frame';
    throw new AppError('VALIDATION_FAILED', `Invalid ${field}: must not contain control characters`, {
      fields: [{ field, message: `must not contain control characters (found ${control.character})` }],
    });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join('.') || 'frame';
    throw new AppError('VALIDATION_FAILED', `Invalid ${field}: ${issue.message}`, {
      fields: [{ field, message: issue.message }],
    });
  }
  return parsed.data as z.infer<T>;
}

/**
 * Delivers one session's messages to one socket in order, each once: every pull reads what
 * came after the last number delivered. Pulls run one after another, so notices arriving in a
 * burst (or twice, locally and through NOTIFY) never send a message twice or out of order.
 */
export class MessageCursor {
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly orm: Orm,
    readonly sessionId: string,
    private delivered: number,
    private readonly deliver: (message: ChatMessageView) => void,
    private readonly log: FastifyBaseLogger,
  ) {}

  get lastDelivered(): number {
    return this.delivered;
  }

  pull(): Promise<void> {
    this.chain = this.chain
      .then(async () => {
        for (;;) {
          const batch = await messagesAfter(this.orm, this.sessionId, this.delivered);
          for (const message of batch) {
            this.deliver(message);
            this.delivered = message.seq;
          }
          if (batch.length < 500) return;
        }
      })
      .catch((error: unknown) => this.log.warn({ err: error }, 'chat: could not deliver messages'));
    return this.chain;
  }
}
