// @ts-check
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

// The services (composition roots): nothing may import one, or a service's internals become an API.
const SERVICES = [
  '@citybrain/cli',
  '@citybrain/processor',
  '@citybrain/alert-gateway',
  '@citybrain/simulator',
  '@citybrain/demo',
  '@citybrain/board',
];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '.run/**', 'packages/proto/src/generated/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    rules: {
      // Kafka callbacks and gRPC handlers must never drop a promise on the floor.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-cycle': 'error',
      // One public door per package: never reach into another package's src/.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@citybrain/*/src/*', '@citybrain/*/src'], message: 'Import the package entry.' },
            { group: SERVICES, message: 'Nothing imports a service: move the shared part into a package.' },
          ],
        },
      ],
    },
  },
  {
    // The pure core: no I/O of any kind, so it runs the same in a test, a backtest and a replay.
    files: ['packages/{domain,grid,windowing,rules,pipeline}/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@citybrain/*/src/*', '@citybrain/*/src'], message: 'Import the package entry.' },
            { group: SERVICES, message: 'Nothing imports a service: move the shared part into a package.' },
            {
              group: [
                'node:*',
                'kafkajs',
                '@grpc/*',
                'prom-client',
                'pino',
                '@citybrain/kafka',
                '@citybrain/observability',
                '@citybrain/stream-runtime',
                '@citybrain/config',
              ],
              message: 'The pure core does no I/O: move this to an edge package.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
