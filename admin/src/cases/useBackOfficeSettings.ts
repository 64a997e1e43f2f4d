import { useEffect, useState } from 'react';
import { session } from '../session';

export interface BackOfficeSettings {
  mapTileUrl: string;
  mapAttribution: string | null;
  districts: string[];
}

let loading: Promise<BackOfficeSettings> | null = null;

function loadSettings(): Promise<BackOfficeSettings> {
  loading ??= fetch('/api/settings', { headers: { Authorization: `Bearer ${session.token() ?? ''}` } })
    .then((response) => {
      if (!response.ok) throw new Error(`settings: ${response.status}`);
      return response.json() as Promise<BackOfficeSettings>;
    })
    .catch((error: unknown) => {
      // A failed load (signed out, server away) is tried again by the next component that asks.
      loading = null;
      throw error;
    });
  return loading;
}

/** The installation's settings for the back office (GET /api/settings), loaded once per page. */
export function useBackOfficeSettings(): BackOfficeSettings | null {
  const [settings, setSettings] = useState<BackOfficeSettings | null>(null);
  useEffect(() => {
    let live = true;
    loadSettings().then(
      (loaded) => live && setSettings(loaded),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return settings;
}
