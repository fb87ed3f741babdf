// Lint rules that protect the workflow sandbox and the async code everywhere else.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.data/', 'test/histories/', 'console/assets/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
    },
  },
  {
    // domain/ is imported by workflows, so it stays pure as well.
    files: ['domain/**/*.ts'],
    ignores: ['domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({
            name,
            message: 'domain/ is shared with workflows: no Node built-ins.',
          })),
        },
      ],
    },
  },
  {
    // Workflow code is replayed: no I/O, no Node built-ins, and only *types* from the side-effecting layers.
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({
            name,
            message: 'Workflow code must not use Node built-ins.',
          })),
          patterns: [
            {
              group: [
                '**/activities',
                '**/activities/*',
                '**/store',
                '**/store/*',
                '**/integrations',
                '**/integrations/*',
                '**/crypto',
                '**/crypto/*',
                '**/client',
                '**/client/*',
                '**/workers',
                '**/workers/*',
              ],
              allowTypeImports: true,
              message:
                'Workflows may import only types from activities, store, integrations, crypto, client or workers.',
            },
            {
              group: [
                'zod',
                '**/domain/actor-schemas',
                '**/domain/applicant',
                '**/domain/application',
                '**/domain/batch',
                '**/domain/calendar/calendar-year',
                '**/domain/deadline-policy',
                '**/domain/lists',
                '**/domain/messages',
                '**/domain/resident-id',
                '**/domain/cards',
              ],
              allowTypeImports: true,
              message:
                'These modules build zod schemas, which every workflow would pay for: import their types only, ' +
                'and validate update payloads through workflows/validation.ts.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'Workflows must not read the environment.' },
        { name: 'setTimeout', message: 'Use sleep() or condition() from @temporalio/workflow.' },
        { name: 'setInterval', message: 'Use sleep() or condition() from @temporalio/workflow.' },
      ],
    },
  },
  {
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // The operator console: plain browser JavaScript modules served as is, outside the TypeScript program.
    files: ['console/**/*.js', 'api/docs/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['console/**/*.js', 'api/docs/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: Object.fromEntries(
        [
          'window',
          'document',
          'sessionStorage',
          'localStorage',
          'Blob',
          'File',
          'URL',
          'location',
          'Option',
          'fetch',
          'crypto',
          'console',
          'setTimeout',
          'clearTimeout',
          'URLSearchParams',
          'btoa',
          'FormData',
          'CustomEvent',
          'Intl',
          'Node',
        ].map((name) => [name, 'readonly']),
      ),
    },
  },
);
