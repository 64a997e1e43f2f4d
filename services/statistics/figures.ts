import type { CaseKind, CaseStatus, Channel, SlaState } from '../../domain/cases/case-states';
import type { Bucket, VolumeDimension } from '../../domain/statistics/statistics-periods';
import type { IntakeBacklog } from './intake-backlog';

// The figures of the managers' dashboard, as the statistics services compute them (the API's
// schemas in api/back-office/statistics/statistics.schemas.ts describe the same shapes).

export interface CaseSummary {
  id: string;
  number: string;
  kind: CaseKind;
  status: CaseStatus;
  eventCode: string | null;
  unitCode: string | null;
  district: string | null;
  slaState: SlaState | null;
  escalationLevel: number;
  resolutionDueAt: string | null;
}

interface TodayAndWeek {
  today: number;
  thisWeek: number;
}

export interface Overview {
  generatedAt: string;
  timeZone: string;
  unitCode: string | null;
  open: {
    total: number;
    bySlaState: { ON_TRACK: number; AT_RISK: number; BREACHED: number; PAUSED: number; NONE: number };
  };
  breaches: TodayAndWeek;
  escalations: TodayAndWeek;
  waitingForWorkflow: IntakeBacklog;
  atRisk: CaseSummary[];
  breached: CaseSummary[];
}

interface OnTimeFigures {
  resolved: number;
  onTime: number;
  late: number;
  onTimeRate: number | null;
}

export interface OnTime {
  from: string;
  to: string;
  unitCode: string | null;
  units: (OnTimeFigures & { unitCode: string | null; unitName: string | null })[];
  total: OnTimeFigures;
}

export interface Volumes {
  from: string;
  to: string;
  bucket: Bucket;
  dimension: VolumeDimension;
  unitCode: string | null;
  periods: string[];
  keys: (string | null)[];
  rows: { period: string; key: string | null; count: number }[];
  totals: { key: string | null; count: number; share: number }[];
  total: number;
}

export interface ContactsPerYear {
  fromYear: number;
  toYear: number;
  unitCode: string | null;
  channels: Channel[];
  years: {
    year: number;
    total: number;
    byChannel: { channel: Channel; count: number; share: number }[];
  }[];
}

export interface RatingFigures {
  count: number;
  average: number | null;
  distribution: { score: number; count: number }[];
}

export interface Ratings {
  from: string;
  to: string;
  unitCode: string | null;
  total: RatingFigures;
  units: (RatingFigures & { unitCode: string | null; unitName: string | null })[];
  events: (RatingFigures & { eventCode: string | null })[];
}
