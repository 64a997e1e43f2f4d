import { Announcement } from '../../db/entities';
import {
  announcementState,
  VALIDITY_PROBLEM,
  type AnnouncementKind,
  type AnnouncementState,
} from '../../domain/announcements/announcements';
import type { ConfigurationService } from '../configuration/config-service';
import { configurationService } from '../configuration/config-service';
import { districtsProblem } from '../configuration/references';
import { unprocessable } from '../configuration/refusals';

/**
 * Announcements in the back office. The contact center's clerks post outages and closures as they
 * learn of them; every change is in the configuration audit trail. The portal reads the published
 * ones through current-announcements.ts.
 */

export interface AnnouncementFields {
  kind: AnnouncementKind;
  titlePl: string;
  titleEn: string;
  bodyPl: string;
  bodyEn: string;
  /** District names; none for the whole city. */
  districts: string[];
  validFrom: Date;
  validTo: Date | null;
  published: boolean;
}

/** An announcement as the back office sends it: each text in both languages together. */
export interface AnnouncementInput extends Omit<
  AnnouncementFields,
  'titlePl' | 'titleEn' | 'bodyPl' | 'bodyEn'
> {
  title: { pl: string; en: string };
  body: { pl: string; en: string };
}

export interface AnnouncementFilter {
  id?: string[];
  kind?: AnnouncementKind;
  state?: AnnouncementState;
  district?: string;
  q?: string;
}

const audited = (announcement: Announcement): AnnouncementFields => ({
  kind: announcement.kind,
  titlePl: announcement.titlePl,
  titleEn: announcement.titleEn,
  bodyPl: announcement.bodyPl,
  bodyEn: announcement.bodyEn,
  districts: [...announcement.districts],
  validFrom: announcement.validFrom,
  validTo: announcement.validTo ?? null,
  published: announcement.published,
});

const present = (announcement: Announcement) => ({
  id: announcement.id,
  kind: announcement.kind,
  title: { pl: announcement.titlePl, en: announcement.titleEn },
  body: { pl: announcement.bodyPl, en: announcement.bodyEn },
  districts: announcement.districts,
  validFrom: announcement.validFrom.toISOString(),
  validTo: announcement.validTo?.toISOString() ?? null,
  published: announcement.published,
  state: announcementState(announcement),
  createdBy: announcement.createdBy,
  updatedBy: announcement.updatedBy,
  createdAt: announcement.createdAt.toISOString(),
  updatedAt: announcement.updatedAt.toISOString(),
});

const fieldsOf = ({ title, body, ...rest }: Partial<AnnouncementInput>): Partial<AnnouncementFields> => ({
  ...rest,
  ...(title ? { titlePl: title.pl, titleEn: title.en } : {}),
  ...(body ? { bodyPl: body.pl, bodyEn: body.en } : {}),
});

/** The list's filter: `state` is where each announcement is in its life now. */
function listWhere({ id, kind, state, district, q }: AnnouncementFilter) {
  const now = new Date();
  const open = { $or: [{ validTo: null }, { validTo: { $gt: now } }] };
  const conditions: Record<string, unknown>[] = [];
  if (id) conditions.push({ id: { $in: id } });
  if (kind) conditions.push({ kind });
  if (district) conditions.push({ districts: { $contains: [district] } });
  if (state === 'current') conditions.push({ published: true, validFrom: { $lte: now } }, open);
  if (state === 'scheduled') conditions.push({ published: true, validFrom: { $gt: now } }, open);
  if (state === 'expired') conditions.push({ validTo: { $lte: now } });
  if (state === 'draft') conditions.push({ published: false }, open);
  if (q) {
    const like = `%${q}%`;
    const columns = ['titlePl', 'titleEn', 'bodyPl', 'bodyEn'];
    conditions.push({ $or: columns.map((column) => ({ [column]: { $ilike: like } })) });
  }
  return conditions.length ? { $and: conditions } : {};
}

const records = configurationService<
  Announcement,
  AnnouncementFields,
  'id',
  ReturnType<typeof present>,
  AnnouncementFields,
  Partial<AnnouncementInput>
>({
  entity: Announcement,
  resource: 'announcements',
  key: 'id',
  noun: 'announcement',
  audited,
  present,
  // Newest first unless told otherwise.
  page: { defaultSort: 'validFrom', defaultOrder: 'DESC', thenBy: 'id' },
  where: (filter) => listWhere(filter as AnnouncementFilter),
  merge: (before, body) => ({ ...before, ...fieldsOf(body) }),
  /** Districts already on the announcement are not checked again. */
  async problems(em, announcement, previous) {
    if (announcement.validTo && announcement.validTo <= announcement.validFrom) return [VALIDITY_PROBLEM];
    if (previous && JSON.stringify(previous.districts) === JSON.stringify(announcement.districts)) return [];
    return districtsProblem(em, 'districts', announcement.districts);
  },
  // The database's own check of the validity window, should a race get past the one above.
  refusals: () => ({ check: unprocessable([VALIDITY_PROBLEM]) }),
  data: (fields, { staff }) => ({ ...fields, createdBy: staff!.username, updatedBy: staff!.username }),
  touch: (announcement, { staff }) => {
    announcement.updatedBy = staff!.username;
  },
});

/** The announcements' list, each announcement and its changes, as the back office edits them. */
export const backOfficeAnnouncements: ConfigurationService<
  string,
  AnnouncementInput,
  Partial<AnnouncementInput>,
  ReturnType<typeof present>
> = {
  ...records,
  create: (deps, input, editor) => records.create(deps, fieldsOf(input) as AnnouncementFields, editor),
};
