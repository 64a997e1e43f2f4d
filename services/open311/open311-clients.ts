import { Open311Client } from '../../db/entities';
import {
  findPage,
  findRow,
  fork,
  type ConfigDeps,
  type ConfigTable,
  type PageQuery,
} from '../configuration/config-records';
import { issueOpen311Client } from './open311-keys';

/** Administrators issue, list and switch off the api keys of Open311 client applications. */

const present = (client: Open311Client) => ({
  id: client.id,
  name: client.name,
  active: client.active,
  createdAt: client.createdAt.toISOString(),
  lastUsedAt: client.lastUsedAt?.toISOString() ?? null,
});

const clients: ConfigTable<Open311Client, { name: string; active: boolean }, 'id'> = {
  entity: Open311Client,
  resource: 'open311-clients',
  key: 'id',
  noun: 'Open311 client',
  audited: ({ name, active }) => ({ name, active }),
};

/** The client applications' list, each one and its name or switch; a key is never shown again. */
export const open311Clients = {
  list: ({ orm }: ConfigDeps, { filter = {}, ...query }: { filter?: { id?: string[] } } & PageQuery) =>
    findPage(
      fork(orm),
      Open311Client,
      filter.id ? { id: { $in: filter.id } } : {},
      { query, defaultSort: 'name', maxRows: 50 },
      (rows) => rows.map(present),
    ),
  get: async ({ orm }: ConfigDeps, id: string) => present(await findRow(fork(orm), clients, id)),
  update: async (
    { orm }: ConfigDeps,
    { id, body }: { id: string; body: { name?: string; active?: boolean } },
  ) => {
    const em = fork(orm);
    const client = await findRow(em, clients, id);
    if (body.name !== undefined) client.name = body.name;
    if (body.active !== undefined) client.active = body.active;
    await em.flush();
    return present(client);
  },
};

/** Issues the key of a new client application: the answer is the only place it is ever shown. */
export async function issueOpen311ClientKey({ orm }: ConfigDeps, { name }: { name: string }) {
  const issued = await issueOpen311Client(orm, name);
  const client = await fork(orm).findOneOrFail(Open311Client, { id: issued.id });
  return { ...present(client), apiKey: issued.apiKey };
}
