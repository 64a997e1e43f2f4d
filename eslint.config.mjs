import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';
import { layersPlugin } from './eslint/layers.mjs';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

export default tseslint.config(
  { ignores: ['node_modules/', 'admin/dist/', 'portal/dist/', '.data/', 'coverage/', 'tests/artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // The layers and the allowed imports between them: eslint/layers.mjs, docs/ARCHITECTURE.md.
    files: ['**/*.ts'],
    ignores: ['tests/**', 'bench/**', 'scripts/**', 'worker/**', 'admin/**', 'portal/**'],
    plugins: { civicflow: layersPlugin },
    // A wrong-way import fails the lint, with the reason (docs/ARCHITECTURE.md).
    rules: { 'civicflow/layers': 'error' },
  },
  {
    // Workflow code is replayed deterministically in a sandbox: no I/O, no Node built-ins.
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({
            name,
            message: 'Workflows must not use Node built-ins: put I/O in an activity.',
          })),
          patterns: [
            {
              group: ['../activities/*', '../db/*', '../api/*', '../intake/*'],
              allowTypeImports: true,
              message: 'Workflows import only types from activities and I/O code.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['admin/src/**/*.ts', 'admin/src/**/*.tsx', 'portal/src/**/*.ts', 'portal/src/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { ...globals.node } },
  },
);
