import { useEffect, useState } from 'react';
import { api } from '../api';

/** Presence is counted over the last minute on the server; asking as often is enough. */
const POLL_MS = 60_000;

/**
 * Whether a clerk is online to chat (`GET /api/v1/chat/availability`). Offering a chat nobody
 * answers is worse than not offering it, so anything but a clear "yes" (an error, no answer yet)
 * hides the offer.
 */
export function useClerksOnline(): boolean {
  const [online, setOnline] = useState(false);
  useEffect(() => {
    let current = true;
    const check = () =>
      api<{ clerksOnline: boolean }>('/api/v1/chat/availability').then(
        (answer) => current && setOnline(answer.clerksOnline),
        () => current && setOnline(false),
      );
    void check();
    const timer = window.setInterval(() => void check(), POLL_MS);
    return () => {
      current = false;
      window.clearInterval(timer);
    };
  }, []);
  return online;
}
