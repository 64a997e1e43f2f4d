import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { addDays, warsawToday } from '../../domain/bookings/slots';
import {
  launchChromium,
  listenForBrowser,
  newPage,
  portalBuildConfig,
  screenshot,
  seriousAccessibilityViolations,
  watchProblems,
} from '../support/browser';
import { bookingIdOfReference, startTestApp, type TestApp } from '../support/integration';
import { startSmtpListener, type SmtpListener } from '../support/smtp-listener';

interface FreeSlot {
  officeId: number;
  start: string;
  date: string;
  time: string;
  freeDesks: number;
}

const ARTIFACTS = 'portal-booking';
const BROWSER_TEST_TIMEOUT_MS = 240_000;

/** The Monday after this week's, on the Warsaw calendar: a week whose every slot lies ahead. */
function nextMonday(): string {
  const today = warsawToday(new Date());
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay();
  return addDays(today, 7 - ((weekday + 6) % 7));
}

/** A day as the portal's slot grid heads it: "wtorek, 2 grudnia". */
function dayName(date: string): string {
  return new Intl.DateTimeFormat('pl-PL', {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  }).format(new Date(`${date}T12:00:00Z`));
}

/** How the portal names a slot button for screen readers: "wtorek, 2 grudnia, 10:20". */
const slotName = (slot: FreeSlot) => `${dayName(slot.date)}, ${slot.time}`;

/**
 * A resident books a visit on the portal in Chromium, against the real API, PostgreSQL and the
 * booking workflow on the Temporal dev server: service, office, a slot of next week, details, hold
 * and confirm; then moves and cancels it from the manage link. A slot taken by someone else while
 * the page showed it is refused with a clear message and fresh slots. axe-core finds no serious or
 * critical violation at any step, on a desktop and on a phone.
 */
describe('booking a visit on the residents’ portal', () => {
  let fixture: TestApp;
  let smtp: SmtpListener;
  let browser: Browser;
  let baseUrl: string;
  const tag = randomUUID().slice(0, 8).toUpperCase();
  const place = {
    serviceId: 0,
    serviceCode: '',
    officeId: 0,
    officeName: `Urząd Dzielnicy Wola – Sala ${tag}`,
  };
  const problems: string[] = [];

  beforeAll(async () => {
    smtp = await startSmtpListener();
    fixture = await startTestApp({
      worker: true,
      demoUsers: true,
      config: {
        ...(await portalBuildConfig()),
        SMTP_URL: smtp.url,
        MAIL_FROM: 'Urząd m.st. Warszawy <wizyty@um.test>',
        // Long enough for a slow shared machine to confirm the hold it shows; visits lie a week ahead,
        // so no reminder or no-show timer fires during the test.
        BOOKING_HOLD_SECONDS: '600',
      },
    });
    baseUrl = await listenForBrowser(fixture.app);
    browser = await launchChromium();

    const admin = { authorization: await fixture.authorization('admin') };
    const service = await fixture.app.inject({
      method: 'POST',
      url: '/api/booking-services',
      headers: admin,
      payload: {
        code: `PORTAL_VISIT_${tag}`,
        namePl: `Wymiana prawa jazdy ${tag}`,
        nameEn: `Driving licence exchange ${tag}`,
        durationMinutes: 30,
      },
    });
    expect(service.statusCode).toBe(201);
    place.serviceId = service.json().id;
    place.serviceCode = service.json().code;
    const office = await fixture.app.inject({
      method: 'POST',
      url: '/api/booking-offices',
      headers: admin,
      payload: {
        code: `PORTAL-${tag}`,
        name: place.officeName,
        address: 'al. Solidarności 90, 01-003 Warszawa',
        district: 'Wola',
        // Open round the clock every day: next week always has free slots, whatever the test's hour.
        openingHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' })),
        observesPublicHolidays: false,
        services: [{ serviceId: place.serviceId, desks: 1 }],
      },
    });
    expect(office.statusCode).toBe(201);
    place.officeId = office.json().id;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    if (fixture) {
      const db = fixture.orm.em.fork();
      await db.execute('delete from bookings where service_id = ?', [place.serviceId]);
      await db.execute('delete from booking_offices where id = ?', [place.officeId]);
      await db.execute('delete from booking_services where id = ?', [place.serviceId]);
      await fixture.close();
    }
    await smtp?.close();
  });

  async function nextWeekSlots(): Promise<FreeSlot[]> {
    const from = nextMonday();
    const response = await fixture.app.inject({
      method: 'GET',
      url: `/api/v1/bookings/slots?service=${place.serviceCode}&office=${place.officeId}&from=${from}&to=${addDays(from, 6)}`,
    });
    expect(response.statusCode).toBe(200);
    return response.json<FreeSlot[]>();
  }

  async function bookingRow(reference: string) {
    const [row] = await fixture.orm.em
      .fork()
      .execute<{ status: string; slot_start: Date; contact_email: string | null; contact_name: string }[]>(
        'select status, slot_start, contact_email, contact_name from bookings where reference = ?',
        [reference],
      );
    return row;
  }

  async function expectAccessible(page: Page, step: string) {
    expect({ step, violations: await seriousAccessibilityViolations(page) }).toEqual({
      step,
      violations: [],
    });
  }

  /** The text of the element that has the focus: each new step's heading takes it. */
  const focusedText = (page: Page) => page.evaluate<string>('document.activeElement?.textContent ?? ""');

  /** Service and office chosen; the slot step is showing next week. */
  async function openNextWeek(page: Page, check: (step: string) => Promise<void>) {
    await page.goto(`${baseUrl}/portal/book`);
    await page.getByRole('heading', { level: 1, name: 'Umów wizytę' }).waitFor();
    await page.getByRole('radio', { name: `Wymiana prawa jazdy ${tag}` }).waitFor();
    await check('service');
    await page.getByRole('button', { name: 'Dalej' }).click();
    // Nothing chosen yet: the step says what is missing instead of moving on.
    await page.getByRole('alert').filter({ hasText: 'Wybierz sprawę.' }).waitFor();
    await page.getByRole('radio', { name: `Wymiana prawa jazdy ${tag}` }).check();
    await page.getByRole('button', { name: 'Dalej' }).click();

    await page.getByRole('heading', { level: 2, name: 'Wybierz urząd' }).waitFor();
    expect(await focusedText(page)).toBe('Wybierz urząd');
    const office = page.getByRole('radio', { name: place.officeName });
    await office.waitFor();
    await page.getByText('al. Solidarności 90, 01-003 Warszawa').first().waitFor();
    await page.getByText('poniedziałek 00:00–24:00').first().waitFor();
    await check('office');
    await office.check();
    await page.getByRole('button', { name: 'Dalej' }).click();

    await page.getByRole('heading', { level: 2, name: 'Wybierz dzień i godzinę' }).waitFor();
    expect(await focusedText(page)).toBe('Wybierz dzień i godzinę');
    await page
      .getByRole('status')
      .filter({ hasText: /Wolne terminy w tym tygodniu|nie ma wolnych terminów/ })
      .waitFor();
    await page.getByRole('button', { name: 'Następny tydzień' }).first().click();
    // The grid shows next week once its first day's heading is there.
    await page.getByRole('heading', { level: 3, name: dayName(nextMonday()), exact: true }).waitFor();
  }

  it(
    'a resident books a visit, sees the reference, then moves and cancels it from the manage link',
    async () => {
      const { context, page } = await newPage(browser);
      watchProblems(page, problems, 'desktop');
      // What the API tells the portal about the booking itself (booking, viewing, moving, cancelling).
      const answers: Promise<string>[] = [];
      page.on('response', (response) => {
        const path = new URL(response.url()).pathname;
        if (/^\/api\/v1\/bookings(\/R-[^/]+(\/\w+)?)?$/.test(path)) answers.push(response.text());
      });
      const check = (step: string) => expectAccessible(page, `desktop ${step}`);
      await openNextWeek(page, check);
      await check('slots');
      await screenshot(page, ARTIFACTS, '1-slots');

      const [chosen, later] = await nextWeekSlots();
      await page.getByRole('button', { name: slotName(chosen), exact: true }).click();

      await page.getByRole('heading', { level: 2, name: 'Twoje dane' }).waitFor();
      expect(await focusedText(page)).toBe('Twoje dane');
      await page.getByRole('button', { name: 'Zarezerwuj ten termin' }).click();
      await page.getByRole('alert').filter({ hasText: 'Wpisz imię i nazwisko.' }).waitFor();
      await check('details with errors');
      const email = `anna-${tag.toLowerCase()}@example.test`;
      await page.getByLabel('Imię i nazwisko').fill('Anna Kowalska');
      await page.getByLabel('Adres e-mail').fill(email);
      await page.getByRole('button', { name: 'Zarezerwuj ten termin' }).click();

      await page.getByRole('heading', { level: 2, name: 'Sprawdź i potwierdź rezerwację' }).waitFor();
      await page.getByText(/Trzymamy dla Ciebie ten termin do \d{2}:\d{2}/).waitFor();
      await check('review');
      await page.getByRole('button', { name: 'Potwierdź rezerwację' }).click();

      await page.getByRole('heading', { level: 2, name: 'Wizyta umówiona' }).waitFor();
      const reference = (await page.locator('.booking-reference').textContent()) ?? '';
      expect(reference).toMatch(/^R-\d{2}-\d{6}$/);
      await page.getByText('al. Solidarności 90, 01-003 Warszawa').waitFor();
      await check('done');
      await screenshot(page, ARTIFACTS, '2-booked');
      const row = await bookingRow(reference);
      expect(row).toMatchObject({ status: 'CONFIRMED', contact_email: email, contact_name: 'Anna Kowalska' });
      expect(new Date(row.slot_start).toISOString()).toBe(new Date(chosen.start).toISOString());
      expect((await nextWeekSlots()).some((s) => s.start === chosen.start)).toBe(false);

      await page.getByRole('link', { name: 'Zarządzaj rezerwacją' }).click();
      await page.waitForURL(/\/portal\/book\/manage\?reference=R-\d{2}-\d{6}&token=/);
      await page.getByRole('heading', { level: 2, name: `Rezerwacja ${reference}` }).waitFor();
      await page.getByText('Potwierdzona', { exact: true }).waitFor();
      await check('manage');

      await page.getByRole('button', { name: 'Przełóż na inny termin' }).click();
      await page.getByRole('heading', { level: 2, name: 'Wybierz nowy termin' }).waitFor();
      await page.getByRole('button', { name: 'Następny tydzień' }).first().click();
      await page.getByRole('button', { name: slotName(later), exact: true }).click();
      await page.getByRole('heading', { level: 2, name: 'Przełożyć wizytę?' }).waitFor();
      await page.getByRole('button', { name: 'Przełóż wizytę' }).click();
      await page.getByRole('status').filter({ hasText: 'Wizyta została przełożona' }).waitFor();
      expect(new Date((await bookingRow(reference)).slot_start).toISOString()).toBe(
        new Date(later.start).toISOString(),
      );

      await page.getByRole('button', { name: 'Odwołaj wizytę' }).click();
      await page.getByRole('heading', { level: 2, name: 'Odwołać tę wizytę?' }).waitFor();
      expect(await focusedText(page)).toBe('Odwołać tę wizytę?');
      await check('cancel confirmation');
      await page.getByLabel('Powód (opcjonalnie)').fill('Załatwię sprawę przez ePUAP');
      await page.getByRole('button', { name: 'Tak, odwołaj wizytę' }).click();
      await page.getByRole('status').filter({ hasText: 'Wizyta została odwołana.' }).waitFor();
      await page.getByText('Odwołana', { exact: true }).waitFor();
      await check('cancelled');
      await screenshot(page, ARTIFACTS, '3-cancelled');
      expect((await bookingRow(reference)).status).toBe('CANCELLED');
      const free = await nextWeekSlots();
      expect(free.find((s) => s.start === chosen.start)?.freeDesks).toBe(1);
      expect(free.find((s) => s.start === later.start)?.freeDesks).toBe(1);

      // The portal names the booking by reference and token: no answer carried its internal id.
      const id = await bookingIdOfReference(fixture.orm, reference);
      const bodies = await Promise.all(answers);
      expect(bodies.length).toBeGreaterThanOrEqual(5);
      for (const body of bodies) {
        expect(body).toContain(reference);
        expect(body).not.toContain(id);
        expect(JSON.parse(body)).not.toHaveProperty('id');
      }

      expect(problems).toEqual([]);
      await context.close();
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it(
    'tells a resident on a phone that the slot was just taken and shows the free slots as they are now',
    async () => {
      const { context, page } = await newPage(browser, { mobile: true });
      const phoneProblems: string[] = [];
      // The refused booking is the point of this test, not a fault of the page.
      watchProblems(page, phoneProblems, 'phone', (url) => new URL(url).pathname === '/api/v1/bookings');
      await openNextWeek(page, async () => undefined);
      const [wanted, other] = await nextWeekSlots();
      const shown = page.getByRole('button', { name: slotName(wanted), exact: true });
      await shown.waitFor();

      // Someone else books the slot while the resident looks at it.
      const taken = await fixture.app.inject({
        method: 'POST',
        url: '/api/v1/bookings',
        payload: {
          service: place.serviceCode,
          officeId: place.officeId,
          slotStart: wanted.start,
          contact: { name: 'Jan Nowak', phone: '+48 22 443 00 00' },
        },
      });
      expect(taken.statusCode).toBe(201);

      await shown.click();
      await page.getByLabel('Imię i nazwisko').fill('Ewa Wiśniewska');
      await page.getByLabel('Numer telefonu').fill('+48 601 000 001');
      await page.getByRole('button', { name: 'Zarezerwuj ten termin' }).click();

      await page
        .getByRole('alert')
        .filter({ hasText: 'ktoś przed chwilą zarezerwował ten termin' })
        .waitFor();
      await page.getByRole('heading', { level: 2, name: 'Wybierz dzień i godzinę' }).waitFor();
      await page.getByRole('button', { name: 'Następny tydzień' }).first().waitFor();
      const otherButton = page.getByRole('button', { name: slotName(other), exact: true });
      await otherButton.waitFor();
      expect(await page.getByRole('button', { name: slotName(wanted), exact: true }).count()).toBe(0);
      await expectAccessible(page, 'phone slot taken');
      await screenshot(page, ARTIFACTS, '4-phone-slot-taken');

      // The details typed before are kept: another slot is booked without typing them again.
      await otherButton.click();
      await page.getByRole('heading', { level: 2, name: 'Twoje dane' }).waitFor();
      expect(await page.getByLabel('Numer telefonu').inputValue()).toBe('+48 601 000 001');
      await page.getByRole('button', { name: 'Zarezerwuj ten termin' }).click();
      await page.getByRole('button', { name: 'Potwierdź rezerwację' }).click();
      await page.getByRole('heading', { level: 2, name: 'Wizyta umówiona' }).waitFor();
      const reference = (await page.locator('.booking-reference').textContent()) ?? '';
      expect(await bookingRow(reference)).toMatchObject({
        status: 'CONFIRMED',
        contact_name: 'Ewa Wiśniewska',
      });
      await expectAccessible(page, 'phone booked');

      expect(phoneProblems).toEqual([]);
      await context.close();
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});
