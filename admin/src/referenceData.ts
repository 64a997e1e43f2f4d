import { apiJson } from './http';

/** `GET /api/v1/taxonomy`: the events residents can report, by subcategory, in both languages. */
export interface Taxonomy {
  subcategories: {
    code: string;
    name: { pl: string; en: string };
    events: { code: string; name: { pl: string; en: string } }[];
  }[];
}

/** `GET /api/settings`: the installation's settings for the back office. */
export interface BackOfficeSettings {
  mapTileUrl: string;
  mapAttribution: string | null;
  districts: string[];
}

/** The data provider's methods for what many screens look up and that rarely changes. */
export const referenceMethods = {
  taxonomy: () => apiJson<Taxonomy>('/api/v1/taxonomy'),
  backOfficeSettings: () => apiJson<BackOfficeSettings>('/api/settings'),
};
