import type { EntityManager } from '@mikro-orm/postgresql';
import type { WeeklyHours } from '../../domain/sla/business-calendar';

const WEEKDAYS_8_16 = { start: '08:00', end: '16:00' };
/** Warsaw's district offices stay open until 18:00 on Mondays. */
const DISTRICT_OFFICE_HOURS: WeeklyHours = {
  1: [{ start: '08:00', end: '18:00' }],
  2: [WEEKDAYS_8_16],
  3: [WEEKDAYS_8_16],
  4: [WEEKDAYS_8_16],
  5: [WEEKDAYS_8_16],
};

const SERVICES = [
  {
    code: 'VEHICLE_REGISTRATION',
    namePl: 'Rejestracja pojazdu',
    nameEn: 'Vehicle registration',
    minutes: 20,
  },
  { code: 'ID_CARD', namePl: 'Dowód osobisty', nameEn: 'Identity card', minutes: 15 },
  { code: 'RESIDENCE_REGISTRATION', namePl: 'Meldunek', nameEn: 'Residence registration', minutes: 15 },
  {
    code: 'BUILDING_PERMIT_CONSULTATION',
    namePl: 'Konsultacja wniosku o pozwolenie na budowę',
    nameEn: 'Building permit application consultation',
    minutes: 30,
  },
];

const OFFICES: {
  code: string;
  name: string;
  address: string;
  district: string;
  services: Record<string, number>;
}[] = [
  {
    code: 'UD-MOKOTOW-WK',
    name: 'Urząd Dzielnicy Mokotów – Wydział Komunikacji',
    address: 'ul. Rakowiecka 25/27, 02-517 Warszawa',
    district: 'Mokotów',
    services: { VEHICLE_REGISTRATION: 4 },
  },
  {
    code: 'UD-WOLA-WOM',
    name: 'Urząd Dzielnicy Wola – Wydział Obsługi Mieszkańców',
    address: 'al. Solidarności 90, 01-003 Warszawa',
    district: 'Wola',
    services: { VEHICLE_REGISTRATION: 2, ID_CARD: 3, RESIDENCE_REGISTRATION: 2 },
  },
  {
    code: 'UD-URSYNOW-WOM',
    name: 'Urząd Dzielnicy Ursynów – Wydział Obsługi Mieszkańców',
    address: 'al. Komisji Edukacji Narodowej 61, 02-777 Warszawa',
    district: 'Ursynów',
    services: { ID_CARD: 2, RESIDENCE_REGISTRATION: 2 },
  },
  {
    code: 'UD-SRODMIESCIE-WAB',
    name: 'Urząd Dzielnicy Śródmieście – Wydział Architektury i Budownictwa',
    address: 'ul. Nowogrodzka 43, 00-691 Warszawa',
    district: 'Śródmieście',
    services: { BUILDING_PERMIT_CONSULTATION: 1 },
  },
];

/**
 * A few Warsaw offices residents can book visits at, and their services. Offices and services
 * that exist (by code) are left alone, so what administrators changed survives every start.
 */
export async function seedBookingReferenceData(
  tx: EntityManager,
): Promise<{ bookingOffices: number; bookingServices: number }> {
  const run = async (sql: string, params: unknown[]) =>
    (await tx.execute<{ affectedRows?: number }>(sql, params, 'run')).affectedRows ?? 0;
  let bookingServices = 0;
  let bookingOffices = 0;
  for (const service of SERVICES) {
    bookingServices += await run(
      `insert into booking_services (code, name_pl, name_en, duration_minutes) values (?, ?, ?, ?)
       on conflict (code) do nothing`,
      [service.code, service.namePl, service.nameEn, service.minutes],
    );
  }
  for (const office of OFFICES) {
    const created = await run(
      `insert into booking_offices (code, name, address, district, opening_hours) values (?, ?, ?, ?, ?)
       on conflict (code) do nothing`,
      [office.code, office.name, office.address, office.district, JSON.stringify(DISTRICT_OFFICE_HOURS)],
    );
    bookingOffices += created;
    // Desks are set once with the office: later changes are the administrator's.
    if (created === 0) continue;
    for (const [serviceCode, desks] of Object.entries(office.services)) {
      await run(
        `insert into booking_office_services (office_id, service_id, desks)
         select o.id, s.id, ? from booking_offices o, booking_services s where o.code = ? and s.code = ?
         on conflict (office_id, service_id) do nothing`,
        [desks, office.code, serviceCode],
      );
    }
  }
  return { bookingOffices, bookingServices };
}
