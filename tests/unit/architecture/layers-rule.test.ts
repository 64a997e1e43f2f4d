import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/**
 * The import rule of docs/ARCHITECTURE.md (eslint/layers.mjs) on sample files: what `npm run lint`
 * refuses and what it lets through. The rule is an ES module, run here as ESLint runs it (a child
 * node, ESLint's own Linter and the TypeScript parser) rather than through jest's module system.
 */
function lint(samples: { file: string; code: string }[]): string[][] {
  const script = `
    import { Linter } from 'eslint';
    import tseslint from 'typescript-eslint';
    import { layersPlugin } from './eslint/layers.mjs';
    const linter = new Linter();
    const config = [{
      files: ['**/*.ts'],
      languageOptions: { parser: tseslint.parser },
      plugins: { civicflow: layersPlugin },
      rules: { 'civicflow/layers': 'error' },
    }];
    const samples = JSON.parse(process.argv[1]);
    const results = samples.map(({ file, code }) =>
      linter.verify(code, config, { filename: process.cwd() + '/' + file }).map((m) => m.message));
    process.stdout.write(JSON.stringify(results));
  `;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(samples)], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as string[][];
}

describe('the layers rule', () => {
  it('refuses wrong-way imports and names the reason', () => {
    const [route, activity, domain, workflow, channel] = lint([
      { file: 'api/probe/probe.routes.ts', code: "import { Case } from '../../db/entities';" },
      { file: 'activities/probe.activities.ts', code: "import { x } from '../api/app';" },
      { file: 'domain/probe/probe.ts', code: "import { x } from '../../services/cases/accept-case';" },
      { file: 'workflows/probe.workflow.ts', code: "import { createOrm } from '../db/orm';" },
      { file: 'intake/email/probe.ts', code: "export * from '../../activities/notifications/x';" },
    ]);
    expect(route).toEqual([
      'api/ must not import db/entities: routes call services/ (and domain/): never activities/, intake/ or db/ directly.',
    ]);
    expect(activity).toEqual([expect.stringMatching(/^activities\/ must not import api\/app: /)]);
    expect(domain).toEqual([
      expect.stringMatching(/^domain\/ must not import services\/cases\/accept-case: /),
    ]);
    expect(workflow).toEqual([expect.stringMatching(/^workflows\/ must not import db\/orm: /)]);
    expect(channel).toEqual([expect.stringMatching(/^intake\/ must not import activities\//)]);
  });

  it('lets the allowed directions, message contracts and workflow activity types through', () => {
    expect(
      lint([
        { file: 'api/probe/probe.routes.ts', code: "import { x } from '../../services/cases/accept-case';" },
        {
          file: 'api/probe/probe.routes.ts',
          code: "import { caseStateQuery } from '../../workflows/case.messages';",
        },
        { file: 'services/probe/probe.ts', code: "import { Case } from '../../db/entities';" },
        { file: 'db/seed/probe.ts', code: "import { x } from '../../services/open311/open311-keys';" },
        { file: 'workflows/probe.workflow.ts', code: "import type { X } from '../activities/x.activities';" },
        {
          file: 'workflows/probe.workflow.ts',
          code: "import { routeCase } from '../domain/routing/route-case';",
        },
        { file: 'scripts/probe.ts', code: "import { createOrm } from '../db/orm';" },
      ]),
    ).toEqual([[], [], [], [], [], [], []]);
  });
});
