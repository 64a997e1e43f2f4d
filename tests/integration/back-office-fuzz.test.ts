import fc from 'fast-check';
import { startTestApp, type TestApp } from '../support/integration';
import {
  documentedOperations,
  requestForAny,
  SHARP_FILTER_VALUES,
  type OpenApiDocument,
} from '../support/route-fuzz';

/**
 * Every back-office route the API documents, called by signed-in staff (an administrator, who may
 * call all of them, and a clerk, who is refused some) with malformed path parameters, queries and
 * bodies; lists get well-formed JSON filters on their own keys holding malformed values. Seeded and bounded: no answer is a 5xx, and every refusal names its problem.
 */
describe('the back office under malformed input', () => {
  let fixture: TestApp;

  beforeAll(async () => {
    fixture = await startTestApp({ demoUsers: true });
    await fixture.app.ready();
  });
  afterAll(async () => {
    await fixture?.close();
  });

  it('answers every list filtered on each of its keys with a sharp value without a 5xx', async () => {
    const lists = documentedOperations(
      fixture.app.swagger() as unknown as OpenApiDocument,
      (operation) => operation.method === 'GET' && operation.filterKeys.length > 0,
    );
    expect(lists.length).toBeGreaterThan(15);
    const authorization = await fixture.authorization('admin');
    const failures: string[] = [];
    for (const list of lists) {
      for (const key of list.filterKeys) {
        for (const value of SHARP_FILTER_VALUES) {
          const filter = JSON.stringify({ [key]: value });
          const response = await fixture.app.inject({
            url: `${list.path}?filter=${encodeURIComponent(filter)}`,
            headers: { authorization },
          });
          if (response.statusCode >= 500) {
            failures.push(
              `${list.path} filter=${filter}: ${response.statusCode} ${response.body.slice(0, 200)}`,
            );
          }
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('answers every malformed request from staff without a 5xx', async () => {
    const operations = documentedOperations(
      fixture.app.swagger() as unknown as OpenApiDocument,
      (operation) =>
        operation.path.startsWith('/api/') &&
        !operation.path.startsWith('/api/v1/') &&
        // Signing out would turn the rest of the run into 401s; the change feed is an endless stream.
        operation.path !== '/api/auth/logout' &&
        operation.path !== '/api/cases/changes',
    );
    // The document lists the back office's resources, so a new one cannot slip past unfuzzed.
    expect(operations.length).toBeGreaterThan(90);
    // Lists document their filter's keys, so the fuzz fills filters with each list's own fields.
    expect(operations.filter((o) => o.filterKeys.length > 0).length).toBeGreaterThan(15);
    const staff = fc.constantFrom(
      { authorization: await fixture.authorization('admin') },
      { authorization: await fixture.authorization('clerk') },
    );
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(requestForAny(operations, staff), async (request) => {
        const response = await fixture.app.inject(request);
        statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
        if (response.statusCode >= 500) {
          throw new Error(
            `${request.method} ${String(request.url).slice(0, 200)} answered ${response.statusCode}: ${response.body.slice(0, 300)}`,
          );
        }
        if (response.statusCode >= 400) {
          expect(response.json<{ message?: string }>().message).toEqual(expect.any(String));
        }
      }),
      { seed: 19115, numRuns: 2500, endOnFailure: true },
    );
    // The mix reached validation, missing records and the role checks alike.
    expect([...statuses.keys()]).toEqual(expect.arrayContaining([400, 403, 404]));
  }, 240_000);
});
