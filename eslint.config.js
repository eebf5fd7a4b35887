import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The domain stays pure: no I/O, no frameworks, no database.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['fastify*', '@fastify/*', 'kysely', 'pg', 'better-sqlite3', 'react*', 'antd', 'node:fs', 'node:net', 'node:http', '../server/*', '../web/*'], message: 'src/domain must stay free of I/O and framework imports' },
          ],
        },
      ],
    },
  },
  {
    // Only repositories (and the db layer) talk to the database directly.
    files: ['src/server/routes/**/*.ts', 'src/server/policies/**/*.ts', 'src/server/presenters/**/*.ts', 'src/web/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'kysely', message: 'use a repository' }] }] },
  },
);
