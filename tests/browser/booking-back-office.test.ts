import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { warsawToday } from '../../domain/bookings/slots';
import { ensureAdminBuilt } from '../../scripts/services/frontend-build';
import { launchChromium, listenForBrowser, signInToBackOffice } from '../support/browser';
import { eventually, startTestApp, type TestApp } from '../support/integration';

const ARTIFACTS = path.join(__dirname, '..', 'artifacts', 'bookings');

/**
 * The bookings screens in Debian's Chromium, in Polish: an administrator adds a service and
 * changes an office, a clerk checks a resident in from the office's day view, a manager reads the
 * statistics, a clerk moves and cancels a visit for a resident who phoned. Screenshots go to tests/artifacts/bookings/ (not committed).
 */
describe('the bookings back office in a browser', () => {
  let fixture: TestApp;
  let browser: Browser;
  let baseUrl: string;
  const problems: string[] = [];
  const tag = randomUUID().slice(0, 6).toUpperCase();
  let officeId: number;
  let serviceId: number;

  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await ensureAdminBuilt(() => {});
    fixture = await startTestApp({ worker: true, demoUsers: true });
    baseUrl = await listenForBrowser(fixture.app);
    browser = await launchChromium();
    // The back office may need a Vite build first, on a machine other test runs share.
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    if (fixture) {
      const db = fixture.orm.em.fork();
      if (serviceId) await db.execute('delete from bookings where service_id = ?', [serviceId]);
      if (officeId) await db.execute('delete from booking_offices where id = ?', [officeId]);
      await db.execute('delete from booking_services where code = ?', [`UI_${tag}`]);
      await fixture.close();
    }
  });

  const signIn = (username: string): Promise<Page> =>
    signInToBackOffice(browser, {
      baseUrl,
      username,
      password: fixture.config.demo.password,
      problems,
      viewport: { width: 1400, height: 900 },
      artifacts: ARTIFACTS,
    });

  it('an administrator configures, a clerk checks a resident in and moves and cancels a visit, a manager sees the statistics', async () => {
    const admin = await signIn('admin');
    await admin.goto(`${baseUrl}/admin/#/booking-services/create`);
    await admin.locator('input[name="code"]').fill(`UI_${tag}`);
    await admin.locator('input[name="namePl"]').fill(`Wymiana prawa jazdy ${tag}`);
    await admin.locator('input[name="nameEn"]').fill(`Driving licence exchange ${tag}`);
    await admin.locator('input[name="durationMinutes"]').fill('15');
    await admin.locator('button[type="submit"]').click();
    serviceId = await eventually(async () => {
      const [row] = await fixture.orm.em
        .fork()
        .execute<{ id: number }[]>('select id from booking_services where code = ?', [`UI_${tag}`]);
      return row?.id;
    });

    const office = await fixture.app.inject({
      method: 'POST',
      url: '/api/booking-offices',
      headers: { authorization: await fixture.authorization('admin') },
      payload: {
        code: `UI-${tag}`,
        name: `Urząd Dzielnicy Bemowo ${tag}`,
        address: 'ul. Powstańców Śląskich 70, 01-381 Warszawa',
        district: 'Bemowo',
        openingHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' })),
        observesPublicHolidays: false,
        services: [{ serviceId, desks: 2 }],
      },
    });
    expect(office.statusCode).toBe(201);
    officeId = office.json().id;

    await admin.goto(`${baseUrl}/admin/#/booking-offices/${officeId}`);
    const name = admin.locator('input[name="name"]');
    await name.waitFor();
    await expect(admin.locator('input[name="openingHours.6.end"]').inputValue()).resolves.toBe('24:00');
    await admin.getByText('Stanowiska').first().waitFor();
    await admin.screenshot({ path: path.join(ARTIFACTS, '1-admin-office.png'), fullPage: true });
    await name.fill(`Urząd Dzielnicy Bemowo – Wydział Komunikacji ${tag}`);
    await admin.locator('button[type="submit"]').click();
    await eventually(async () => {
      const [row] = await fixture.orm.em
        .fork()
        .execute<{ name: string }[]>('select name from booking_offices where id = ?', [officeId]);
      return row.name.includes('Wydział Komunikacji');
    });

    // A visit within the next hour or so (check-in opens two hours before), booked by a resident
    // through the public API; late in the evening that is tomorrow's first slot.
    const today = warsawToday(new Date());
    const tomorrow = warsawToday(new Date(Date.now() + 24 * 3600_000));
    const slots = (
      await fixture.app.inject(
        `/api/v1/bookings/slots?service=UI_${tag}&office=${officeId}&from=${today}&to=${tomorrow}`,
      )
    ).json<{ start: string }[]>();
    const slot = slots.find((s) => Date.parse(s.start) > Date.now() + 30 * 60_000) ?? slots[0];
    const booking = await fixture.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      payload: {
        service: `UI_${tag}`,
        officeId,
        slotStart: slot.start,
        contact: { name: `Zofia Lewandowska ${tag}`, phone: '+48 22 000 11 22' },
      },
    });
    expect(booking.statusCode).toBe(201);
    const visitDay = warsawToday(new Date(booking.json().slotStart));

    const clerk = await signIn('clerk');
    const filter = encodeURIComponent(JSON.stringify({ officeId, date: visitDay }));
    await clerk.goto(`${baseUrl}/admin/#/bookings?filter=${filter}`);
    const row = clerk.getByRole('row').filter({ hasText: `Zofia Lewandowska ${tag}` });
    await row.getByText('Potwierdzona').waitFor();
    await clerk.screenshot({ path: path.join(ARTIFACTS, '2-clerk-day-view.png'), fullPage: true });
    await row.locator('button[data-action="check-in"]').click();
    await row.locator('[data-status="CHECKED_IN"]').getByText('Na miejscu').waitFor();
    await expect(row.locator('button[data-action="check-in"]').count()).resolves.toBe(0);
    await clerk.screenshot({ path: path.join(ARTIFACTS, '3-clerk-checked-in.png'), fullPage: true });
    const [stored] = await fixture.orm.em
      .fork()
      .execute<{ status: string }[]>('select status from bookings where reference = ?', [
        booking.json().reference,
      ]);
    expect(stored.status).toBe('CHECKED_IN');

    // A resident phones 19115: the clerk moves the visit, then the resident calls again to cancel it.
    const called = await fixture.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      payload: {
        service: `UI_${tag}`,
        officeId,
        slotStart: slot.start,
        contact: { name: `Marek Dąbrowski ${tag}`, phone: '+48 22 000 33 44' },
      },
    });
    expect(called.statusCode).toBe(201);
    await clerk.reload();
    const calledRow = clerk.getByRole('row').filter({ hasText: `Marek Dąbrowski ${tag}` });
    await calledRow.getByText('Potwierdzona').waitFor();
    await calledRow.locator('button[data-action="reschedule"]').click();
    const moveDialog = clerk.getByRole('dialog');
    // The first day with a free place: late in the evening the visit's own day may have none left.
    await moveDialog.locator('button[data-day]').first().click();
    const newSlot = moveDialog.locator('button[data-slot]').first();
    const newStart = await newSlot.getAttribute('data-slot');
    await newSlot.click();
    await clerk.screenshot({ path: path.join(ARTIFACTS, '4-clerk-move-dialog.png'), fullPage: true });
    await moveDialog.locator('button[data-confirm="move"]').click();
    await moveDialog.waitFor({ state: 'detached' });
    await eventually(async () => {
      const [row] = await fixture.orm.em
        .fork()
        .execute<{ slot_start: Date }[]>('select slot_start from bookings where reference = ?', [
          called.json().reference,
        ]);
      return new Date(row.slot_start).toISOString() === new Date(newStart!).toISOString();
    });

    await calledRow.locator('button[data-action="cancel"]').click();
    const cancelDialog = clerk.getByRole('dialog');
    await expect(cancelDialog.locator('button[data-confirm="cancel"]').isDisabled()).resolves.toBe(true);
    await cancelDialog.locator('textarea[name="reason"]').fill('Telefon 19115: wyjazd służbowy');
    await cancelDialog.locator('button[data-confirm="cancel"]').click();
    await calledRow.locator('[data-status="CANCELLED"]').getByText('Odwołana').waitFor();
    await expect(calledRow.locator('button[data-action]').count()).resolves.toBe(0);
    await clerk.screenshot({ path: path.join(ARTIFACTS, '5-clerk-cancelled.png'), fullPage: true });
    const [cancelled] = await fixture.orm.em
      .fork()
      .execute<{ status: string; cancel_reason: string }[]>(
        'select status, cancel_reason from bookings where reference = ?',
        [called.json().reference],
      );
    expect(cancelled).toEqual({ status: 'CANCELLED', cancel_reason: 'Telefon 19115: wyjazd służbowy' });

    const manager = await signIn('manager');
    await manager.goto(`${baseUrl}/admin/#/bookings?filter=${filter}`);
    const managerRow = manager.getByRole('row').filter({ hasText: `Zofia Lewandowska ${tag}` });
    await managerRow.getByText('Na miejscu').waitFor();
    await expect(managerRow.locator('button[data-action]').count()).resolves.toBe(0);
    await manager.goto(`${baseUrl}/admin/#/booking-statistics`);
    const statistics = manager.getByRole('row').filter({ hasText: `Wydział Komunikacji ${tag}` });
    await statistics.waitFor();
    // Two bookings: one came, none missed, one cancelled by the clerk.
    await expect(statistics.innerText()).resolves.toMatch(
      new RegExp(`Wymiana prawa jazdy ${tag}\\s+2\\s+1\\s+0\\s+1`),
    );
    await manager.screenshot({ path: path.join(ARTIFACTS, '6-manager-statistics.png'), fullPage: true });

    expect(problems).toEqual([]);
  }, 180_000);
});
