import type { EntityManager } from '@mikro-orm/postgresql';
import { BookingService } from '../../db/entities';
import { AppError } from '../../domain/errors';
import { filterWhere, findPage, fork } from '../configuration/config-records';
import type { ConfigurationService } from '../configuration/config-service';

/**
 * What residents can book a visit for, as administrators configure it: names and the duration of
 * a visit (a new duration applies to slots not yet booked). Staff who book for residents read them.
 */

export interface BookingServiceFields {
  namePl: string;
  nameEn: string;
  durationMinutes: number;
  active: boolean;
}

export type NewBookingService = BookingServiceFields & { code: string };

const present = (service: BookingService) => ({
  id: service.id,
  code: service.code,
  namePl: service.namePl,
  nameEn: service.nameEn,
  durationMinutes: service.durationMinutes,
  active: service.active,
});

export type BookingServiceRecord = ReturnType<typeof present>;

async function findService(em: EntityManager, id: number) {
  const service = await em.findOne(BookingService, { id });
  if (!service) throw new AppError('NOT_FOUND', `No service ${id}`);
  return service;
}

/** The services' list, each service, and its creation and changes (not audited, never removed). */
export const bookingServices: Omit<
  ConfigurationService<number, NewBookingService, Partial<BookingServiceFields>, BookingServiceRecord>,
  'remove'
> = {
  list: async ({ orm }, { filter = {}, ...query }) => {
    const where = filterWhere(filter, { search: ['namePl', 'nameEn', 'code'] });
    return findPage(fork(orm), BookingService, where, { query, defaultSort: 'namePl' }, (services) =>
      services.map(present),
    );
  },
  get: async ({ orm }, id) => {
    return present(await findService(fork(orm), id));
  },
  create: async ({ orm }, body) => {
    const em = fork(orm);
    if (await em.findOne(BookingService, { code: body.code })) {
      throw new AppError('CONFLICT', `A service ${body.code} exists already`, {
        fields: [{ field: 'code', message: 'is taken' }],
      });
    }
    const service = em.create(BookingService, body);
    await em.flush();
    return present(service);
  },
  update: async ({ orm }, { id, body }) => {
    const em = fork(orm);
    const service = await findService(em, id);
    // react-admin sends the whole record back: only the service's own fields change it.
    const { namePl, nameEn, durationMinutes, active } = body;
    if (namePl !== undefined) service.namePl = namePl;
    if (nameEn !== undefined) service.nameEn = nameEn;
    if (durationMinutes !== undefined) service.durationMinutes = durationMinutes;
    if (active !== undefined) service.active = active;
    service.updatedAt = new Date();
    await em.flush();
    return present(service);
  },
};
