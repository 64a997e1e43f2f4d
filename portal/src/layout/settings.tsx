import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, type PortalSettings } from '../api';

/** Used until the settings arrive, and when they cannot be loaded: the portal still works. */
const FALLBACK: LoadedSettings = {
  loaded: false,
  cityName: 'Warszawa',
  mapTileUrl: null,
  mapAttribution: null,
  mapCenter: { lat: 52.2297, lon: 21.0122 },
  reopenWindowMinutes: 0,
  maxPhotos: 5,
  districts: [],
};

/** `loaded`: the API answered (or could not be asked); until then maps wait rather than degrade. */
export type LoadedSettings = PortalSettings & { loaded: boolean };

const SettingsContext = createContext<LoadedSettings>(FALLBACK);

export function SettingsProvider({ children }: { children: ReactNode }) {
  const [settings, setSettings] = useState<LoadedSettings>(FALLBACK);
  useEffect(() => {
    api<PortalSettings>('/api/v1/portal/settings').then(
      (loaded) => setSettings({ ...loaded, loaded: true }),
      () => setSettings({ ...FALLBACK, loaded: true }),
    );
  }, []);
  return <SettingsContext.Provider value={settings}>{children}</SettingsContext.Provider>;
}

export function useSettings(): LoadedSettings {
  return useContext(SettingsContext);
}
