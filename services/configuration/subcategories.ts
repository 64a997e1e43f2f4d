import type { EntityManager } from '@mikro-orm/postgresql';
import { CaseEventType, Subcategory } from '../../db/entities';
import { configurationService } from './config-service';
import { conflict } from './refusals';

/** The subcategories of the taxonomy residents report against: the groups of its events. */

interface SubcategoryFields {
  name: string;
  nameEn: string;
}

/** Names a few of many, for messages that say what still uses a record. */
export function someOf(items: string[], limit = 5): string {
  return items.length > limit
    ? `${items.slice(0, limit).join(', ')} and ${items.length - limit} more`
    : items.join(', ');
}

const recordOf = (sub: Subcategory, eventCount: number) => ({
  id: sub.code,
  code: sub.code,
  name: sub.name,
  nameEn: sub.nameEn,
  eventCount,
});

/** Each subcategory with how many events (active or not) belong to it, counted in one query. */
async function withEventCounts(em: EntityManager, subcategories: Subcategory[]) {
  if (!subcategories.length) return [];
  const counts = await em.execute<{ subcategory: string; count: string }[]>(
    `select subcategory, count(*) as count from taxonomy_events where subcategory in (${subcategories
      .map(() => '?')
      .join(', ')}) group by subcategory`,
    subcategories.map((s) => s.code),
  );
  const countOf = new Map(counts.map((row) => [row.subcategory, Number(row.count)]));
  return subcategories.map((sub) => recordOf(sub, countOf.get(sub.code) ?? 0));
}

export const subcategories = configurationService({
  entity: Subcategory,
  resource: 'subcategories',
  key: 'code',
  noun: 'subcategory',
  audited: (sub) => ({ name: sub.name, nameEn: sub.nameEn }),
  // Only a subcategory without events is removed, so the count a removal answers is 0.
  present: (sub) => recordOf(sub, 0),
  presentAll: withEventCounts,
  page: { defaultSort: 'code' },
  search: ['code', 'name', 'nameEn'],
  taken: (code) => `a subcategory with the code "${code}" already exists`,
  // A new subcategory's trail names its code too.
  audit: (body: SubcategoryFields & { code: string }) => body,
  async check(tx, sub) {
    const events = await tx.find(CaseEventType, { subcategory: sub.code }, { orderBy: { code: 'asc' } });
    if (!events.length) return;
    throw conflict(
      'code',
      `subcategory ${sub.code} still has ${events.length} event(s): ${someOf(events.map((e) => e.code))}`,
      { usedBy: { events: events.map((e) => e.code) } },
    );
  },
});
