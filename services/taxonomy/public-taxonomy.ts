import { CaseEventType, Subcategory } from '../../db/entities';
import type { Orm } from '../../db/orm';
import { CASE_KINDS, type CaseKind } from '../../domain/cases/case-states';
import { TAXONOMY_KIND_NAMES } from './kind-names';

type Name = { pl: string; en: string };

/** What residents can report, as the city configured it now (api/taxonomy documents the shape). */
export interface PublicTaxonomy {
  kinds: { code: CaseKind; name: Name }[];
  subcategories: {
    code: string;
    name: Name;
    events: {
      code: string;
      name: Name;
      priority: string;
      /** What a report of this event must carry. */
      requires: { description: boolean; location: boolean; contact: boolean };
    }[];
  }[];
}

/** Kinds, and the subcategories with their active events (subcategories without any left out). */
export async function publicTaxonomy(orm: Orm): Promise<PublicTaxonomy> {
  const em = orm.em.fork();
  const [subcategories, events] = await Promise.all([
    em.find(Subcategory, {}, { orderBy: { code: 'asc' } }),
    em.find(CaseEventType, { active: true }, { orderBy: { code: 'asc' } }),
  ]);
  return {
    kinds: CASE_KINDS.map((code) => ({
      code,
      name: TAXONOMY_KIND_NAMES.get(code) ?? { pl: code, en: code },
    })),
    subcategories: subcategories
      .map((sub) => ({
        code: sub.code,
        name: { pl: sub.name, en: sub.nameEn },
        events: events
          .filter((event) => event.subcategory === sub.code)
          .map((event) => ({
            code: event.code,
            name: { pl: event.name, en: event.nameEn },
            priority: event.priority,
            requires: {
              description: event.requiresDescription,
              location: true,
              contact: !event.allowsAnonymous,
            },
          })),
      }))
      .filter((sub) => sub.events.length > 0),
  };
}
