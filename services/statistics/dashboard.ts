import { Unit } from '../../db/entities';
import type { SessionUser } from '../../domain/auth/session-user';
import type { Language } from '../../domain/cases/case-names';
import { AppError } from '../../domain/errors';
import {
  badQuery,
  cityToday,
  resolvePeriod,
  resolveYears,
  type Bucket,
  type VolumeDimension,
} from '../../domain/statistics/statistics-periods';
import type { Orm } from '../service-deps';
import { ClosedYearCounts, contactsPerYear } from './contacts-per-year';
import type { ContactsPerYear, OnTime, Overview, Ratings, Volumes } from './figures';
import { residentRatings } from './ratings';
import { referenceNames } from './reference-names';
import { onTimeByUnit, openCasesInSlaState, overview } from './sla-figures';
import {
  caseSummaryCsv,
  contactsPerYearCsv,
  onTimeCsv,
  overviewCsv,
  ratingsCsv,
  volumesCsv,
} from './statistics-csv';
import { sqlOf } from './statistics-sql';
import { volumes } from './volumes';

/** Yearly counts of finished years are reused for this long (see ClosedYearCounts). */
const CLOSED_YEAR_TTL_MS = 60 * 60_000;
/** A CSV of open cases is a working list, not a dump of the database. */
export const MAX_CSV_CASES = 10_000;

/** A table of the dashboard as a file to download. */
export interface CsvFile {
  name: string;
  body: Buffer;
}

type Scope = { unitCode?: string };
type Period = Scope & { from?: string; to?: string };
type Years = Scope & { fromYear?: number; toYear?: number };
type VolumeQuery = Period & { bucket: Bucket; dimension: VolumeDimension };
type Csv = { lang: Language };

const fileName = (parts: (string | number | null)[]) =>
  `civicflow-${parts
    .filter((part) => part !== null && part !== '')
    .join('-')
    .replace(/[^A-Za-z0-9_-]+/g, '_')}.csv`;

/**
 * Figures for the managers' dashboard: open cases by SLA state, breaches and escalations, on-time
 * rate per unit, volumes over time, contacts per year, residents' ratings; each table also as CSV.
 * Aggregates run in PostgreSQL over indexed ranges, so they stay quick on millions of cases. One
 * per API: it keeps the counts of closed years for a while.
 */
export class DashboardStatistics {
  private readonly closedYears = new ClosedYearCounts(CLOSED_YEAR_TTL_MS);

  constructor(private readonly orm: Orm) {}

  async overview(user: SessionUser, query: Scope): Promise<Overview> {
    return overview(sqlOf(this.orm), await this.scopeOf(user, query.unitCode));
  }

  async overviewCsv(user: SessionUser, query: Scope & Csv): Promise<CsvFile> {
    const unitCode = await this.scopeOf(user, query.unitCode);
    const data = await overview(sqlOf(this.orm), unitCode);
    return {
      name: fileName(['overview', unitCode, cityToday()]),
      body: overviewCsv(data, query.lang, await referenceNames(sqlOf(this.orm))),
    };
  }

  /** Open cases at risk or breached, by resolution deadline (at most MAX_CSV_CASES). */
  async openCasesCsv(
    user: SessionUser,
    query: Scope & Csv & { slaState: 'AT_RISK' | 'BREACHED' },
  ): Promise<CsvFile> {
    const { slaState, lang } = query;
    const unitCode = await this.scopeOf(user, query.unitCode);
    const cases = await openCasesInSlaState(sqlOf(this.orm), slaState, unitCode, MAX_CSV_CASES);
    return {
      name: fileName([`cases-${slaState.toLowerCase()}`, unitCode, cityToday()]),
      body: caseSummaryCsv(cases, lang, await referenceNames(sqlOf(this.orm))),
    };
  }

  async onTime(user: SessionUser, query: Period): Promise<OnTime> {
    const period = resolvePeriod(query);
    return onTimeByUnit(sqlOf(this.orm), period, await this.scopeOf(user, query.unitCode));
  }

  async onTimeCsv(user: SessionUser, query: Period & Csv): Promise<CsvFile> {
    const period = resolvePeriod(query);
    const unitCode = await this.scopeOf(user, query.unitCode);
    const data = await onTimeByUnit(sqlOf(this.orm), period, unitCode);
    return {
      name: fileName(['on-time', unitCode, period.from, period.to]),
      body: onTimeCsv(data, query.lang, await referenceNames(sqlOf(this.orm))),
    };
  }

  async volumes(user: SessionUser, query: VolumeQuery): Promise<Volumes> {
    const { bucket, dimension } = query;
    const period = resolvePeriod(query, bucket);
    const unitCode = await this.scopeOf(user, query.unitCode);
    return volumes(sqlOf(this.orm), { ...period, bucket, dimension }, unitCode);
  }

  async volumesCsv(user: SessionUser, query: VolumeQuery & Csv): Promise<CsvFile> {
    const { bucket, dimension, lang } = query;
    const period = resolvePeriod(query, bucket);
    const unitCode = await this.scopeOf(user, query.unitCode);
    const data = await volumes(sqlOf(this.orm), { ...period, bucket, dimension }, unitCode);
    return {
      name: fileName([`volumes-${dimension}-${bucket}`, unitCode, period.from, period.to]),
      body: volumesCsv(data, lang, await referenceNames(sqlOf(this.orm))),
    };
  }

  async contactsPerYear(user: SessionUser, query: Years): Promise<ContactsPerYear> {
    const years = resolveYears(query);
    return contactsPerYear(sqlOf(this.orm), years, await this.scopeOf(user, query.unitCode), this.closed());
  }

  async contactsPerYearCsv(user: SessionUser, query: Years & Csv): Promise<CsvFile> {
    const years = resolveYears(query);
    const unitCode = await this.scopeOf(user, query.unitCode);
    const data = await contactsPerYear(sqlOf(this.orm), years, unitCode, this.closed());
    return {
      name: fileName(['contacts-per-year', unitCode, years.fromYear, years.toYear]),
      body: contactsPerYearCsv(data, query.lang, await referenceNames(sqlOf(this.orm))),
    };
  }

  async ratings(user: SessionUser, query: Period): Promise<Ratings> {
    const period = resolvePeriod(query);
    return residentRatings(sqlOf(this.orm), period, await this.scopeOf(user, query.unitCode));
  }

  async ratingsCsv(user: SessionUser, query: Period & Csv): Promise<CsvFile> {
    const period = resolvePeriod(query);
    const unitCode = await this.scopeOf(user, query.unitCode);
    const data = await residentRatings(sqlOf(this.orm), period, unitCode);
    return {
      name: fileName(['ratings', unitCode, period.from, period.to]),
      body: ratingsCsv(data, query.lang, await referenceNames(sqlOf(this.orm))),
    };
  }

  private closed() {
    return { cache: this.closedYears, currentYear: Number(cityToday().slice(0, 4)) };
  }

  /** Unit staff get their own unit's figures (of the cases now with it); others any unit or all. */
  private async scopeOf(user: SessionUser, unitCode: string | undefined): Promise<string | null> {
    if (user.role === 'UNIT_STAFF') {
      if (unitCode && unitCode !== user.unitCode) {
        throw new AppError('FORBIDDEN', 'Unit staff see the figures of their own unit only');
      }
      return user.unitCode;
    }
    if (!unitCode) return null;
    if (!(await this.orm.em.fork().findOne(Unit, { code: unitCode }))) {
      throw badQuery('unitCode', `there is no unit ${unitCode}`);
    }
    return unitCode;
  }
}
