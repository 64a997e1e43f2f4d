import fc from 'fast-check';
import globalSetup, { stopRunServices } from '../tests/support/global-setup';
import { seedOpen311DemoKey } from '../db/seed/seed-open311-demo-key';
import { startTestApp } from '../tests/support/integration';
import { documentedOperations, requestForAny, type OpenApiDocument } from '../tests/support/route-fuzz';

/**
 * A long fuzz run over every documented route: anonymous callers on the public routes, signed-in
 * staff (administrator and clerk) on the back office, with the malformed values of
 * tests/support/route-fuzz.ts. Prints the answers by status and every request answered 5xx
 * (goal: none). The suite runs a few thousand of these; this runs as many as you ask.
 *
 * Starts its own PostgreSQL databases and Temporal dev server as the tests do (DATABASE_URL /
 * TEMPORAL_ADDRESS to use existing ones). Usage: npx tsx bench/fuzz.ts [requests=20000] [seed=19115]
 */
async function main(): Promise<void> {
  const total = Number(process.argv[2] ?? 20_000);
  const seed = Number(process.argv[3] ?? 19115);
  const started = Date.now();
  await globalSetup();
  const fixture = await startTestApp({ worker: true });
  try {
    await fixture.app.ready();
    await seedOpen311DemoKey(fixture.orm, fixture.config.demo.open311Key);
    const document = fixture.app.swagger() as unknown as OpenApiDocument;
    const isPublic = (path: string) => !path.startsWith('/api/') || path.startsWith('/api/v1/');
    const publicOperations = documentedOperations(
      document,
      // The chat widget's page and the health routes take no input worth fuzzing.
      (o) => isPublic(o.path) && o.path !== '/health',
    );
    const staffOperations = documentedOperations(
      document,
      (o) => !isPublic(o.path) && o.path !== '/api/auth/logout' && o.path !== '/api/cases/changes',
    );
    const staff = fc.constantFrom(
      { authorization: await fixture.authorization('admin') },
      { authorization: await fixture.authorization('clerk') },
    );
    const requests = fc.oneof(requestForAny(publicOperations), requestForAny(staffOperations, staff));
    console.log(
      `fuzzing ${publicOperations.length} public and ${staffOperations.length} back-office operations ` +
        `with ${total.toLocaleString('en')} requests (seed ${seed})`,
    );

    const byStatus = new Map<number, number>();
    const failures: string[] = [];
    const fuzzStarted = Date.now();
    let done = 0;
    for (const request of fc.sample(requests, { numRuns: total, seed })) {
      const response = await fixture.app.inject(request);
      byStatus.set(response.statusCode, (byStatus.get(response.statusCode) ?? 0) + 1);
      if (response.statusCode >= 500) {
        failures.push(
          `${response.statusCode} ${request.method} ${String(request.url).slice(0, 160)}: ${response.body.slice(0, 200)}`,
        );
      }
      done += 1;
      if (done % 2000 === 0) {
        const rate = done / ((Date.now() - fuzzStarted) / 1000);
        console.log(
          `  ${done.toLocaleString('en')} requests, ${failures.length} 5xx, ${rate.toFixed(0)} req/s`,
        );
      }
    }
    const seconds = (Date.now() - fuzzStarted) / 1000;
    console.log('\nanswers by status:');
    for (const [status, count] of [...byStatus].sort(([a], [b]) => a - b)) {
      console.log(`  ${status}  ${count.toLocaleString('en').padStart(7)}`);
    }
    for (const failure of failures.slice(0, 50)) console.log(`  5xx: ${failure}`);
    console.log(
      `\n5xx answers: ${failures.length} of ${total.toLocaleString('en')} requests ` +
        `(${(total / seconds).toFixed(0)} req/s in process; ${((Date.now() - started) / 1000).toFixed(0)} s with set-up)`,
    );
    process.exitCode = failures.length === 0 ? 0 : 1;
  } finally {
    await fixture.close();
    await stopRunServices();
  }
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  await stopRunServices();
  process.exit(1);
});
