import type { EntityManager } from '@mikro-orm/postgresql';
import { District } from '../../db/entities';
import type { Orm } from '../../db/orm';
import { URGENT_KINDS, type AnnouncementKind } from '../../domain/announcements/announcement-kinds';
import { AppError } from '../../domain/errors';

export interface CurrentAnnouncement {
  id: string;
  kind: AnnouncementKind;
  title: { pl: string; en: string };
  body: { pl: string; en: string };
  districts: string[];
  validFrom: Date;
  validTo: Date | null;
  updatedAt: Date;
}

interface AnnouncementRow {
  id: string;
  kind: AnnouncementKind;
  title_pl: string;
  title_en: string;
  body_pl: string;
  body_en: string;
  districts: string[];
  valid_from: Date | string;
  valid_to: Date | string | null;
  updated_at: Date | string;
}

/** A filter naming a district the city does not have is a typo to report, not an empty answer. */
async function requireKnownDistrict(em: EntityManager, district: string | undefined): Promise<void> {
  if (district === undefined) return;
  if (!(await em.count(District, { name: district }))) {
    throw new AppError('VALIDATION_FAILED', `Unknown district "${district}"`, {
      fields: [{ field: 'query.district', message: `unknown district "${district}"` }],
    });
  }
}

/**
 * Published announcements whose window holds the database's now: valid_from <= now < valid_to
 * (no valid_to: until withdrawn). With a district, the city-wide ones come too. Urgent kinds
 * first, then the newest.
 */
async function currentAnnouncements(
  em: EntityManager,
  filter: { district?: string; kind?: AnnouncementKind },
): Promise<CurrentAnnouncement[]> {
  const where = [
    'a.published',
    'a.valid_from <= now()',
    "now() < coalesce(a.valid_to, 'infinity'::timestamptz)",
  ];
  const params: unknown[] = [];
  if (filter.district !== undefined) {
    where.push('(cardinality(a.districts) = 0 or a.districts @> array[?]::text[])');
    params.push(filter.district);
  }
  if (filter.kind) {
    where.push('a.kind = ?');
    params.push(filter.kind);
  }
  const rows = await em.execute<AnnouncementRow[]>(
    `select a.id, a.kind, a.title_pl, a.title_en, a.body_pl, a.body_en, a.districts,
            a.valid_from, a.valid_to, a.updated_at
       from announcements a
      where ${where.join(' and ')}
      order by (a.kind in (${URGENT_KINDS.map(() => '?').join(', ')})) desc,
               a.valid_from desc, a.created_at desc, a.id`,
    [...params, ...URGENT_KINDS],
  );
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    title: { pl: row.title_pl, en: row.title_en },
    body: { pl: row.body_pl, en: row.body_en },
    districts: row.districts,
    validFrom: new Date(row.valid_from),
    validTo: row.valid_to === null ? null : new Date(row.valid_to),
    updatedAt: new Date(row.updated_at),
  }));
}

/** The current announcements, for the whole city or a district the city has (else a 400 naming it). */
export async function listCurrentAnnouncements(
  orm: Orm,
  filter: { district?: string; kind?: AnnouncementKind },
): Promise<CurrentAnnouncement[]> {
  const em = orm.em.fork();
  await requireKnownDistrict(em, filter.district);
  return currentAnnouncements(em, filter);
}
