import fs from 'node:fs';
import path from 'node:path';

/**
 * Where the test suite spends its time, from jest's JSON report (`jest --json --outputFile=FILE`).
 *
 *   npx tsx bench/test-times.ts RUN.json [--top 25]            the slowest files of one run
 *   npx tsx bench/test-times.ts BEFORE.json AFTER.json [--top N]  the same files side by side
 *
 * Figures are wall-clock seconds per file as jest saw them (start to end of the file, including
 * its beforeAll/afterAll), the number of tests and assertions-bearing results, and the run's own
 * wall time (first file's start to last file's end) next to the sum of the files' times: with
 * several jest workers the sum is larger than the wall time.
 */
interface JestReport {
  startTime: number;
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  testResults: {
    name: string;
    startTime: number;
    endTime: number;
    status: string;
    assertionResults: { status: string }[];
  }[];
}

interface FileTime {
  file: string;
  seconds: number;
  tests: number;
  failed: number;
}

function readReport(file: string): { files: Map<string, FileTime>; report: JestReport } {
  const report = JSON.parse(fs.readFileSync(file, 'utf8')) as JestReport;
  const files = new Map<string, FileTime>();
  for (const result of report.testResults) {
    // Reports from other clones compare by the path under tests/; browser tests moved out of
    // tests/integration/ keep their place in the comparison.
    const file = result.name.slice(result.name.lastIndexOf(`${path.sep}tests${path.sep}`) + 1);
    const key = file.replace(/^tests\/browser\//, 'tests/integration/');
    files.set(key, {
      file,
      seconds: (result.endTime - result.startTime) / 1000,
      tests: result.assertionResults.length,
      failed: result.assertionResults.filter((a) => a.status === 'failed').length,
    });
  }
  return { files, report };
}

function wallSeconds(report: JestReport): number {
  const ends = report.testResults.map((r) => r.endTime);
  const starts = report.testResults.map((r) => r.startTime);
  return ends.length ? (Math.max(...ends) - Math.min(...starts)) / 1000 : 0;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const s = (seconds: number | undefined) => (seconds === undefined ? '-' : seconds.toFixed(1));

function summary(label: string, { files, report }: ReturnType<typeof readReport>): string {
  return (
    `${label}: ${files.size} files, ${report.numTotalTests} tests (${report.numPassedTests} passed, ` +
    `${report.numFailedTests} failed, ${report.numPendingTests} skipped); wall ${s(wallSeconds(report))} s, ` +
    `sum of files ${s(sum([...files.values()].map((f) => f.seconds)))} s`
  );
}

function main(): void {
  const args = process.argv.slice(2);
  const topAt = args.indexOf('--top');
  const top = topAt >= 0 ? Number(args[topAt + 1]) : 25;
  const reports = args.filter((a, i) => !a.startsWith('--') && (topAt < 0 || i !== topAt + 1));
  if (reports.length < 1 || reports.length > 2 || !Number.isFinite(top)) {
    console.error('usage: npx tsx bench/test-times.ts RUN.json [AFTER.json] [--top N]');
    process.exit(2);
  }
  const [before, after] = reports.map(readReport);
  if (!after) {
    console.log(summary(reports[0], before));
    console.log('\n| seconds | tests | file |\n| ---: | ---: | --- |');
    const rows = [...before.files.values()].sort((a, b) => b.seconds - a.seconds).slice(0, top);
    for (const f of rows)
      console.log(`| ${s(f.seconds)} | ${f.tests}${f.failed ? ` (${f.failed} failed)` : ''} | ${f.file} |`);
    return;
  }
  console.log(summary(`before ${reports[0]}`, before));
  console.log(summary(`after  ${reports[1]}`, after));
  console.log(
    '\n| file | before s | after s | tests before | tests after |\n| --- | ---: | ---: | ---: | ---: |',
  );
  const names = new Set([...before.files.keys(), ...after.files.keys()]);
  const rows = [...names]
    .map((name) => ({ name, b: before.files.get(name), a: after.files.get(name) }))
    .sort((x, y) => (y.b?.seconds ?? 0) - (x.b?.seconds ?? 0))
    .slice(0, top);
  for (const { name, b, a } of rows) {
    console.log(
      `| ${name} | ${s(b?.seconds)} | ${s(a?.seconds)} | ${b?.tests ?? '-'} | ${a?.tests ?? '-'} |`,
    );
  }
  const gone = [...before.files.keys()].filter((name) => !after.files.has(name));
  const added = [...after.files.keys()].filter((name) => !before.files.has(name));
  if (gone.length) console.log(`\nfiles only before: ${gone.join(', ')}`);
  if (added.length) console.log(`files only after: ${added.join(', ')}`);
}

main();
