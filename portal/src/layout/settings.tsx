import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, type PortalSettings } from '../api';

/** Used until the settings arrive, and when they cannot be loaded: the portal still works. */
const FALLBACK: PortalSettings = {
  cityName: 'Warszawa',
  mapTileUrl: null,
  mapAttribution: null,
  mapCenter: { lat: 52.2297, lon: 21.0122 },
  reopenWindowMinutes: 0,
  maxPhotos: 5,
  districts: [],
};

const SettingsContext = createContext<PortalSettings>(FALLBACK);

export function SettingsProvider({ children }: { children: ReactNode }) {
  const [settings, setSettings] = useState<PortalSettings>(FALLBACK);
  useEffect(() => {
    api<PortalSettings>('/api/v1/portal/settings').then(setSettings, () => setSettings(FALLBACK));
  }, []);
  return <SettingsContext.Provider value={settings}>{children}</SettingsContext.Provider>;
}

export function useSettings(): PortalSettings {
  return useContext(SettingsContext);
}
