import { randomUUID } from 'node:crypto';
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { ANNOUNCEMENT_KINDS, type AnnouncementKind } from '../../domain/announcements/announcement-kinds';

export { ANNOUNCEMENT_KINDS, type AnnouncementKind };

/**
 * A city announcement shown on the portal while `published` and inside its validity window
 * (`validTo` null: until withdrawn). `districts` empty means the whole city.
 */
export const Announcement = defineEntity({
  name: 'Announcement',
  tableName: 'announcements',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    kind: p.string().$type<AnnouncementKind>(),
    titlePl: p.string(),
    titleEn: p.string(),
    bodyPl: p.text(),
    bodyEn: p.text(),
    districts: p.array().columnType('text[]'),
    validFrom: p.datetime(),
    validTo: p.datetime().nullable(),
    published: p.boolean().default(false),
    /** Usernames: the audit trail in config_changes keeps the ids. */
    createdBy: p.string(),
    updatedBy: p.string(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type Announcement = InferEntity<typeof Announcement>;
