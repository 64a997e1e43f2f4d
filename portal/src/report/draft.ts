import type { MapPoint } from '../components/PlaceMap';
import type { CaseKind, Suggestion } from './report-api';

/** Where the resident says the problem is, and what the city made of that place. */
export interface PlaceDraft {
  point: MapPoint | null;
  /** The street's name as the city's register writes it ("Marszałkowska"), and as shown ("ul. …"). */
  street: string | null;
  streetLabel: string | null;
  building: string;
  district: string | null;
  /** checking: asking the API; unchecked: the API could not tell (the contact center will). */
  area: 'none' | 'checking' | 'inside' | 'outside' | 'unchecked';
}

/** What the problem is: an event from the taxonomy, or no event for the contact center to decide. */
export interface ProblemChoice {
  kind: CaseKind;
  eventCode: string | null;
}

export interface ProblemDraft {
  choice: ProblemChoice | null;
  filter: string;
  freeText: string;
  suggestions: Suggestion[] | null;
}

export interface PhotoDraft {
  id: string;
  file: File;
  /** An object URL for the preview; revoked when the photo is removed or the page left. */
  previewUrl: string;
}

export interface DetailsDraft {
  description: string;
  /** The resident ticked that the description may be published with the report; never preset. */
  publishDescription: boolean;
  photos: PhotoDraft[];
  name: string;
  email: string;
  phone: string;
}

export interface ReportDraft {
  place: PlaceDraft;
  problem: ProblemDraft;
  details: DetailsDraft;
}

export const emptyDraft = (): ReportDraft => ({
  place: { point: null, street: null, streetLabel: null, building: '', district: null, area: 'none' },
  problem: { choice: null, filter: '', freeText: '', suggestions: null },
  details: { description: '', publishDescription: false, photos: [], name: '', email: '', phone: '' },
});

/** The same rules as the API's (api/public-cases/public-cases.schemas.ts), checked before sending. */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const PHONE_PATTERN = /^\+?[0-9 ()-]{6,20}$/;

/** A key the API accepts (8..200 printable characters) without needing a secure context. */
export function randomKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return `portal-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
