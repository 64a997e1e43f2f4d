/**
 * The API's wire types, as the API's zod schemas declare them (api/*.schemas.ts), so the portal
 * cannot drift from what the server answers. Type-only imports: the build erases them, and no
 * server code reaches the bundle.
 */
import type { z } from 'zod';
import type * as announcements from '../../api/announcements/announcements.schemas';
import type * as bookings from '../../api/bookings/bookings.schemas';
import type * as knowledge from '../../api/knowledge/knowledge.schemas';
import type * as places from '../../api/places/places.schemas';
import type * as publicCases from '../../api/public-cases/public-cases.schemas';
import type * as publicMap from '../../api/public-map/public-map.schemas';
import type { CaseKind } from '../../domain/cases/case-states';

export type { CaseKind, CaseStatus } from '../../domain/cases/case-states';
export type { BookingStatus } from '../../domain/bookings/booking-states';

type Bilingual = { pl: string; en: string };

/** `POST /api/v1/cases`. */
export type CreatedCase = z.infer<typeof publicCases.createdCaseResponse>;
/** `GET /api/v1/cases/:slug?token=`: what the resident may see of the case. */
export type TrackedCase = z.infer<typeof publicCases.trackedCaseResponse>;
export type CaseRating = NonNullable<TrackedCase['rating']>;
/** A reply or a reopen request taken: the case's status after it. */
export type CaseStatusAnswer = z.infer<typeof publicCases.caseStatusResponse>;
export type CaseRatingAnswer = z.infer<typeof publicCases.caseRatingResponse>;

/** `GET /api/v1/places/streets`. */
export type Street = z.infer<typeof places.streetSearchResponse>['items'][number];
/** `GET /api/v1/places/reverse`. */
export type ReverseGeocoding = z.infer<typeof places.reverseResponse>;

/** `GET /api/v1/public/cases/nearby`. */
export type NearbyCase = z.infer<typeof publicMap.nearbyResponse>['items'][number];
/** `GET /api/v1/public/cases/:number`: a report as anyone may see it. */
export type PublicReport = z.infer<typeof publicMap.publicCaseResponse>;

/** `GET /api/v1/bookings/services`. */
export type BookableService = z.infer<typeof bookings.publicService>;
export type OpeningInterval = z.infer<typeof bookings.openingInterval>;
/** `GET /api/v1/bookings/offices`. */
export type Office = z.infer<typeof bookings.publicOffice>;
/** `GET /api/v1/bookings/slots`: `date` and `time` are the Warsaw wall clock, `start` a UTC instant. */
export type FreeSlot = z.infer<typeof bookings.slotRecord>;
/** `GET /api/v1/bookings/:reference?token=`: named by its reference, never by an internal id. */
export type Booking = z.infer<typeof bookings.publicBooking>;
export type CreatedBooking = z.infer<typeof bookings.createdBooking>;

/** `GET /api/v1/knowledge/categories`. */
export type KnowledgeCategory = z.infer<typeof knowledge.knowledgeCategoriesResponse>['items'][number];
export type ArticleSummary = z.infer<typeof knowledge.knowledgeArticleSummary>;
export type Article = z.infer<typeof knowledge.knowledgeArticleResponse>;

/** `GET /api/v1/announcements`: the current ones, urgent kinds first, then the newest. */
export type Announcement = z.infer<typeof announcements.publicAnnouncement>;
export type AnnouncementKind = Announcement['kind'];

/*
 * The answers below are declared in the API's route files (api/taxonomy/taxonomy.routes.ts,
 * api/classify/classify.routes.ts, api/public-map/public-map.routes.ts,
 * api/portal/portal-settings.routes.ts), which hold server code: written out here until their
 * schemas move into *.schemas.ts modules.
 */

export interface TaxonomyEvent {
  code: string;
  name: Bilingual;
  priority: string;
  requires: { description: boolean; location: boolean; contact: boolean };
}

/** `GET /api/v1/taxonomy`. */
export interface Taxonomy {
  kinds: { code: CaseKind; name: Bilingual }[];
  subcategories: { code: string; name: Bilingual; events: TaxonomyEvent[] }[];
}

/** `POST /api/v1/classify`. */
export interface Suggestion {
  kind: CaseKind;
  eventCode: string | null;
  confidence: number;
}

/** `GET /api/v1/public/cases`: one case on the public map. */
export interface PublicMapCase {
  number: string;
  eventCode: string | null;
  status: string;
  lat: number;
  lon: number;
  street: string | null;
  district: string | null;
  createdAt: string;
  updatedAt: string;
}

/** `GET /api/v1/portal/settings`: what the portal needs to know about this installation. */
export interface PortalSettings {
  cityName: string;
  /** A Leaflet URL template, or null when the city runs without a tile server. */
  mapTileUrl: string | null;
  mapAttribution: string | null;
  mapCenter: { lat: number; lon: number };
  reopenWindowMinutes: number;
  maxPhotos: number;
  districts: string[];
}
