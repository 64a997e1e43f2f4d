import { useEffect, useRef } from 'react';
import { useRefresh } from 'react-admin';
import { session } from './session';

/** A case the API says was written (GET /api/cases/changes). */
export interface CaseChange {
  id: string;
  number: string;
  status: string;
  unitCode: string | null;
}

/** `resync`: the server may have missed changes, so anything shown may be stale. */
export type CaseChangeMessage = { type: 'change'; change: CaseChange } | { type: 'resync' };
type Listener = (message: CaseChangeMessage) => void;

const MIN_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;
/** The server sends a comment every 25 s: silence much longer than that is a dead connection. */
const SILENCE_LIMIT_MS = 60_000;
/** The most often a list or case page reloads because of changes. */
const REFRESH_INTERVAL_MS = 2_000;

/** Going from a list to a case page unsubscribes and subscribes again: keep the stream meanwhile. */
const LINGER_MS = 5_000;

const listeners = new Set<Listener>();
let connection: AbortController | null = null;
/** Whose session the open stream belongs to: another sign-in in the same tab gets its own. */
let connectionToken: string | null = null;
let retryTimer: ReturnType<typeof setTimeout> | null = null;
let lingerTimer: ReturnType<typeof setTimeout> | null = null;
let retryMs = MIN_RETRY_MS;
/** Streams closed because nobody listens any more: not to be retried. */
const stopped = new WeakSet<AbortController>();

function emit(message: CaseChangeMessage): void {
  for (const listener of listeners) listener(message);
}

/** Splits a server-sent event block into its event name and parsed data. */
function parseEvent(block: string): { event: string; data: unknown } | null {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length === 0) return null;
  try {
    return { event, data: JSON.parse(data.join('\n')) as unknown };
  } catch {
    return null;
  }
}

/**
 * One stream per browser tab, shared by every component that listens. EventSource cannot send
 * the bearer token, so the stream is read through fetch(). A lost connection is retried with
 * backoff; once it is back, everyone reloads, since changes made meanwhile were not heard.
 */
async function connect(): Promise<void> {
  const token = session.token();
  if (connection && connectionToken !== token) {
    stopped.add(connection);
    connection.abort();
    connection = null;
  }
  if (!token || connection) return;
  const controller = new AbortController();
  connection = controller;
  connectionToken = token;
  let silence: ReturnType<typeof setTimeout> | null = null;
  const resetSilence = () => {
    if (silence) clearTimeout(silence);
    silence = setTimeout(() => controller.abort(), SILENCE_LIMIT_MS);
  };
  let reconnected = retryMs > MIN_RETRY_MS;
  try {
    resetSilence();
    const response = await fetch('/api/cases/changes', {
      headers: { Accept: 'text/event-stream', Authorization: `Bearer ${token}` },
      signal: controller.signal,
      cache: 'no-store',
    });
    // Signed out or no longer allowed: retrying would only repeat the refusal.
    if (response.status === 401 || response.status === 403) {
      listeners.clear();
      return;
    }
    if (!response.ok || !response.body) throw new Error(`live updates: ${response.status}`);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      resetSilence();
      buffer += value.replace(/\r\n?/g, '\n');
      let end: number;
      while ((end = buffer.indexOf('\n\n')) !== -1) {
        const parsed = parseEvent(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (parsed?.event === 'ready') {
          retryMs = MIN_RETRY_MS;
          if (reconnected) emit({ type: 'resync' });
          reconnected = false;
        } else if (parsed?.event === 'case') {
          emit({ type: 'change', change: parsed.data as CaseChange });
        } else if (parsed?.event === 'resync') {
          emit({ type: 'resync' });
        }
      }
    }
  } catch {
    // A network error or an abort: both end in the retry below, unless nobody listens any more.
  } finally {
    if (silence) clearTimeout(silence);
    if (connection === controller) connection = null;
  }
  if (!stopped.has(controller)) scheduleRetry();
}

function scheduleRetry(): void {
  if (listeners.size === 0 || retryTimer) return;
  const delay = retryMs;
  retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
  retryTimer = setTimeout(() => {
    retryTimer = null;
    void connect();
  }, delay);
}

function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  if (lingerTimer) clearTimeout(lingerTimer);
  lingerTimer = null;
  void connect();
  return () => {
    listeners.delete(listener);
    if (listeners.size > 0 || lingerTimer) return;
    lingerTimer = setTimeout(() => {
      lingerTimer = null;
      if (listeners.size > 0) return;
      if (connection) stopped.add(connection);
      connection?.abort();
      connection = null;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      retryMs = MIN_RETRY_MS;
    }, LINGER_MS);
  };
}

/**
 * Reloads what react-admin shows when a case changes, at most every 2 seconds: `relevant`
 * says which changes matter here (a list: any case the server sends; a case page: that case).
 */
export function useLiveRefresh(relevant: (change: CaseChange) => boolean = () => true): void {
  const refresh = useRefresh();
  const relevantRef = useRef(relevant);
  relevantRef.current = relevant;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let lastRefresh = 0;
    const unsubscribe = subscribe((message) => {
      if (message.type === 'change' && !relevantRef.current(message.change)) return;
      if (timer) return;
      const wait = Math.max(100, lastRefresh + REFRESH_INTERVAL_MS - Date.now());
      timer = setTimeout(() => {
        timer = null;
        lastRefresh = Date.now();
        refresh();
      }, wait);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [refresh]);
}
