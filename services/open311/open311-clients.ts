import { Open311Client } from '../../db/entities';
import {
  findPage,
  findRow,
  fork,
  updateAudited,
  type ConfigDeps,
  type ConfigTable,
  type PageQuery,
} from '../configuration/config-records';
import { recordConfigChange, type ConfigEditor } from '../configuration/audit-trail';
import { insertOpen311Client } from './open311-keys';

/**
 * Administrators issue, list and switch off the api keys of Open311 client applications. Keys are
 * security settings: issuing one and every change are in the configuration history (never the key).
 */

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
    editor: ConfigEditor,
  ) => {
    const client = await updateAudited(fork(orm), editor, clients, id, (row) => {
      if (body.name !== undefined) row.name = body.name;
      if (body.active !== undefined) row.active = body.active;
    });
    return present(client);
  },
};

/** Issues the key of a new client application: the answer is the only place it is ever shown. */
export async function issueOpen311ClientKey(
  { orm }: ConfigDeps,
  { name }: { name: string },
  editor: ConfigEditor,
) {
  return fork(orm).transactional(async (tx) => {
    const issued = await insertOpen311Client(tx, name);
    await recordConfigChange(tx, editor, {
      resource: clients.resource,
      recordId: issued.id,
      action: 'create',
      changes: { name: { from: null, to: name }, active: { from: null, to: true } },
    });
    const client = await tx.findOneOrFail(Open311Client, { id: issued.id });
    return { ...present(client), apiKey: issued.apiKey };
  });
}
