import { District } from '../../db/entities';
import type { Orm } from '../../db/orm';

/** The names of the city's districts, in alphabetical order. */
export async function districtNames(orm: Orm): Promise<string[]> {
  const districts = await orm.em.fork().find(District, {}, { orderBy: { name: 'asc' } });
  return districts.map((district) => district.name);
}
