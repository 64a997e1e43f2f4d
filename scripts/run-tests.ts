import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

/**
 * `npm test`: the static checks (type check of the three TypeScript projects, ESLint, Prettier)
 * and jest (unit, integration and browser projects) side by side. Jest spends most of its time
 * waiting on workflows, timers and the browser, so the checks fill the idle cores instead of
 * adding their minutes to the run. The checks' output is printed when they end (so it does not
 * interleave with jest's); every stage prints its time, and the run fails when any stage fails.
 *
 * Extra arguments go to jest (`npm test -- --selectProjects unit`).
 */
const ROOT = path.resolve(__dirname, '..');
const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name);

interface Stage {
  name: string;
  command: string;
  args: string[];
  /** Streamed as it comes (jest), or kept and printed at the end of the stage. */
  stream: boolean;
  /**
   * Run at a lower CPU priority. The checks only need the cores jest leaves idle; at equal
   * priority they took half of both cores while jest's workflows and browser waited for them,
   * and jest's clock-bound tests (deadlines, timers) grew by a quarter in CI.
   */
  background?: boolean;
}

interface Outcome {
  name: string;
  code: number;
  seconds: number;
}

const started = Date.now();
const elapsed = (since: number) => ((Date.now() - since) / 1000).toFixed(1);

function run(stage: Stage): Promise<Outcome> {
  const begun = Date.now();
  return new Promise((resolve) => {
    const child = spawn(stage.command, stage.args, {
      cwd: ROOT,
      stdio: stage.stream ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    });
    if (stage.background && child.pid !== undefined) {
      try {
        os.setPriority(child.pid, 15);
      } catch {
        // Not permitted on some systems: the checks then simply share the cores evenly.
      }
    }
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const finish = (code: number) => {
      const seconds = (Date.now() - begun) / 1000;
      if (!stage.stream && (code !== 0 || output.trim()))
        process.stdout.write(`\n== ${stage.name}\n${output}`);
      console.log(
        `== ${stage.name}: ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${seconds.toFixed(1)} s`,
      );
      resolve({ name: stage.name, code, seconds });
    };
    child.on('error', (error) => {
      output += String(error);
      finish(1);
    });
    child.on('exit', (code, signal) => finish(code ?? (signal ? 1 : 0)));
  });
}

/** Runs stages one after the other; stops at the first failure. */
async function sequence(stages: Stage[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const stage of stages) {
    const outcome = await run(stage);
    outcomes.push(outcome);
    if (outcome.code !== 0) break;
  }
  return outcomes;
}

async function main(): Promise<void> {
  const jestArgs = process.argv.slice(2);
  const tsc = (project: string): Stage => ({
    name: `typecheck ${project}`,
    command: bin('tsc'),
    args: ['--noEmit', '-p', project],
    stream: false,
    background: true,
  });
  const checks = sequence([
    tsc('tsconfig.json'),
    tsc('admin/tsconfig.json'),
    tsc('portal/tsconfig.json'),
    { name: 'lint', command: bin('eslint'), args: ['.'], stream: false, background: true },
    { name: 'format', command: bin('prettier'), args: ['--check', '.'], stream: false, background: true },
  ]);
  const jest = run({ name: 'jest', command: bin('jest'), args: jestArgs, stream: true });
  const outcomes = [...(await checks), await jest];
  console.log(`\n== stages (wall ${elapsed(started)} s)`);
  for (const o of outcomes)
    console.log(`   ${o.code === 0 ? 'ok  ' : 'FAIL'} ${o.name.padEnd(28)} ${o.seconds.toFixed(1)} s`);
  process.exit(outcomes.every((o) => o.code === 0) ? 0 : 1);
}

void main();
