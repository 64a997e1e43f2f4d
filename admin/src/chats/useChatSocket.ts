import { useCallback, useEffect, useRef, useState } from 'react';
import { session } from '../session';
import type { ClerkFrame } from './chatsApi';

const MIN_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;
/** Close codes after which retrying cannot help: the session ended or the role does not fit. */
const FINAL_CLOSE_CODES = [4401, 4403];

/**
 * The clerks' chat socket for one screen: it signs in with the first frame (browsers cannot send
 * an Authorization header on a WebSocket), reconnects with backoff, and hands every frame to
 * `onFrame`. A `ready` frame follows every (re)connection: screens watch their chat again then.
 */
export function useChatSocket(onFrame: (frame: ClerkFrame) => void): {
  connected: boolean;
  send: (frame: object) => boolean;
} {
  const [connected, setConnected] = useState(false);
  const socketRef = useRef<WebSocket | null>(null);
  const handler = useRef(onFrame);
  handler.current = onFrame;

  useEffect(() => {
    let stopped = false;
    let retryMs = MIN_RETRY_MS;
    let retryTimer: ReturnType<typeof setTimeout> | null = null;

    const connect = () => {
      const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
      const socket = new WebSocket(`${scheme}://${window.location.host}/api/chats/ws`);
      socketRef.current = socket;
      socket.addEventListener('open', () => {
        socket.send(JSON.stringify({ type: 'hello', token: session.token() ?? '' }));
      });
      socket.addEventListener('message', (event) => {
        let frame: ClerkFrame;
        try {
          frame = JSON.parse(String(event.data)) as ClerkFrame;
        } catch {
          return;
        }
        if (frame.type === 'ready') {
          retryMs = MIN_RETRY_MS;
          setConnected(true);
        }
        handler.current(frame);
      });
      socket.addEventListener('close', (event) => {
        if (socketRef.current === socket) socketRef.current = null;
        setConnected(false);
        if (stopped || FINAL_CLOSE_CODES.includes(event.code)) return;
        const delay = retryMs * (0.5 + Math.random() / 2);
        retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
        retryTimer = setTimeout(connect, delay);
      });
    };
    connect();
    return () => {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      socketRef.current?.close();
      socketRef.current = null;
    };
  }, []);

  const send = useCallback((frame: object) => {
    const socket = socketRef.current;
    if (!socket || socket.readyState !== WebSocket.OPEN) return false;
    socket.send(JSON.stringify(frame));
    return true;
  }, []);

  return { connected, send };
}
