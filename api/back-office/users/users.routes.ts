import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { resetPassword, unlockAccount, users } from '../../../services/configuration/users';
import type { AppDeps } from '../../app';
import { CONFIGURATION_ACCESS } from '../configuration-access';
import { configurationRoutes, staffRoute } from '../configuration-routes';
import {
  createUserBody,
  resetPasswordBody,
  updateUserBody,
  userIdParams,
  userListQuery,
  userRecord,
} from './users.schemas';

/** Administrators manage back-office accounts; managers may look at them. */
export const userRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  configurationRoutes(app, deps, {
    resource: 'users',
    service: users,
    record: userRecord,
    params: userIdParams,
    query: userListQuery,
    create: createUserBody,
    update: updateUserBody,
    summaries: {
      list: 'Back-office accounts',
      get: 'One back-office account',
      create:
        'Create an account with a temporary password, to be changed at the first sign-in (the password is never returned)',
      update: 'Change an account; deactivating it also ends its sessions',
    },
  });
  const account = {
    method: 'POST',
    roles: CONFIGURATION_ACCESS.users.write,
    params: userIdParams,
    response: userRecord,
  } as const;
  staffRoute(
    app,
    deps,
    {
      ...account,
      url: '/users/:id/reset-password',
      summary:
        "Set a temporary password, to be changed at the next sign-in; the account's sessions end and a lock is lifted",
      body: resetPasswordBody,
      validationStatus: 422,
    },
    ({ params, body }, request) => resetPassword(deps, { id: params.id, password: body.password }, request),
  );
  staffRoute(
    app,
    deps,
    { ...account, url: '/users/:id/unlock', summary: 'Lift the lock after repeated failed sign-ins' },
    ({ params }, request) => unlockAccount(deps, params.id, request),
  );
};
