import taxonomy from '../../db/seed-data/warsaw/taxonomy.json';

/** The city's own names of the case kinds (the taxonomy the seed loads), in Polish and English. */
export const TAXONOMY_KIND_NAMES: ReadonlyMap<string, { pl: string; en: string }> = new Map(
  taxonomy.kinds.map((kind) => [kind.code, { pl: kind.name, en: kind.nameEn }]),
);
