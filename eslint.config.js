// Lint: typescript-eslint's recommended rules plus the import boundaries of ARCHITECTURE.md
// (scripts/dependency-rule.mjs) and the purity rules for the deterministic cores.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { allowedImports, pureCores } from './scripts/dependency-rule.mjs';

const packageNames = Object.keys(allowedImports);

function boundaryRules(name) {
  const forbidden = packageNames.filter((other) => other !== name && !allowedImports[name].includes(other));
  const patterns = [
    {
      group: forbidden.flatMap((other) => [`@brook/${other}`, `@brook/${other}/*`]),
      message: `ARCHITECTURE.md dependency rule: @brook/${name} may import only ${allowedImports[name].map((d) => '@brook/' + d).join(', ') || 'no workspace package'}.`,
    },
    { group: ['../../*/src/*', '../../../packages/*'], message: 'Import other packages by their @brook/ name, never by relative path.' },
  ];
  if (pureCores.includes(name)) {
    patterns.push({
      group: ['node:*', 'fs', 'net', 'http', 'timers', 'child_process', 'worker_threads'],
      message: 'Pure cores do no I/O: no node built-ins (STYLE.md, "Pure cores, I/O at the edge").',
    });
  }
  return patterns.filter((p) => p.group.length > 0);
}

const pureCoreRestrictions = {
  'no-restricted-properties': [
    'error',
    { object: 'Date', property: 'now', message: 'Pure cores take time as ticks.' },
    { object: 'Math', property: 'random', message: 'Pure cores take a seeded generator.' },
    { object: 'performance', property: 'now', message: 'Pure cores take time as ticks.' },
  ],
  'no-restricted-globals': [
    'error',
    { name: 'setTimeout', message: 'Pure cores have no timers.' },
    { name: 'setInterval', message: 'Pure cores have no timers.' },
    { name: 'setImmediate', message: 'Pure cores have no timers.' },
    { name: 'process', message: 'Pure cores do not touch the process.' },
  ],
  'no-restricted-syntax': ['error', { selector: 'AwaitExpression', message: 'Pure cores do not await.' }],
};

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'packages/protocol/src/generated/**', '.vitest-results/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
  },
  ...packageNames.map((name) => ({
    files: [`packages/${name}/src/**/*.ts`],
    ignores: pureCores.includes(name) ? [`packages/${name}/src/**/*.test.ts`] : [],
    rules: {
      'no-restricted-imports': ['error', { patterns: boundaryRules(name) }],
      ...(pureCores.includes(name) ? pureCoreRestrictions : {}),
    },
  })),
  ...pureCores.map((name) => ({
    // Tests of a pure core may use vitest and node built-ins, but not other workspace packages.
    files: [`packages/${name}/src/**/*.test.ts`],
    rules: {
      'no-restricted-imports': ['error', { patterns: boundaryRules(name).filter((p) => p.group.some((g) => g.startsWith('@brook/'))) }],
    },
  })),
);
