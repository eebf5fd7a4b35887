import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// Layering (docs/ARCHITECTURE.md "Layering rules"); test/unit/layering-lint.test.ts proves each rule
// fires where it must and stays quiet where the code is allowed.

// Node built-ins the domain may use: computation only (hashing, buffers, text), no I/O.
const PURE_BUILTINS = new Set(['assert', 'assert/strict', 'buffer', 'crypto', 'path', 'path/posix', 'path/win32', 'querystring', 'string_decoder', 'url', 'util', 'util/types']);
// Every other built-in by its bare name (`fs`, `fs/promises`, `net`, `child_process`, …).
const IO_BUILTIN_NAMES = builtinModules.filter((name) => !name.startsWith('_') && !name.startsWith('node:') && !PURE_BUILTINS.has(name));
// Any `node:` module but the pure ones, including those this Node version does not know yet (node:sqlite).
const NODE_IO = `^node:(?!(${[...PURE_BUILTINS].join('|')})$)`;

// A relative import that reaches src/server or src/web, from any depth.
const RELATIVE_SERVER_OR_WEB = '^\\.{1,2}/(.*/)?(server|web)(/|$)';
// An import of the repositories, however it is spelled.
const REPOSITORIES = '(^|/)repositories(/|$)';

// Kysely's query builders and raw SQL: only src/server/repositories and src/server/db build queries.
const QUERY_BUILDER_MESSAGE = 'only src/server/repositories (and src/server/db) build queries: add a repository function and call it (a service may still open a transaction and pass it on)';
const QUERY_BUILDERS = 'selectFrom|selectNoFrom|insertInto|replaceInto|updateTable|deleteFrom|mergeInto|executeQuery';
const noQueryBuilders = [
  'error',
  { selector: `CallExpression[callee.property.name=/^(${QUERY_BUILDERS})$/]`, message: QUERY_BUILDER_MESSAGE },
  { selector: "TaggedTemplateExpression[tag.name='sql']", message: QUERY_BUILDER_MESSAGE },
  { selector: "TaggedTemplateExpression[tag.object.name='sql']", message: QUERY_BUILDER_MESSAGE },
  { selector: "CallExpression[callee.object.name='sql']", message: QUERY_BUILDER_MESSAGE },
];
const noSqlImport = { name: 'kysely', importNames: ['sql'], message: QUERY_BUILDER_MESSAGE };

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
    // The domain stays pure, in every sub-folder: no I/O, no frameworks, no database, nothing of server or web.
    files: ['src/domain/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: IO_BUILTIN_NAMES.map((name) => ({ name, message: 'src/domain must stay free of I/O: pass the data in' })),
          patterns: [
            { group: ['fastify*', '@fastify/*', 'kysely', 'kysely/*', 'pg', 'pg/*', 'better-sqlite3', 'react*', 'antd', 'antd/*', 'nodemailer', 'exceljs'], message: 'src/domain must stay free of I/O and framework imports' },
            { regex: NODE_IO, message: 'src/domain must stay free of I/O: pass the data in' },
            { regex: RELATIVE_SERVER_OR_WEB, message: 'src/domain must not import src/server or src/web' },
            { regex: '(^|/)src/(server|web)(/|$)', message: 'src/domain must not import src/server or src/web' },
          ],
        },
      ],
    },
  },
  {
    // Everything in the server except the repositories and the db layer: no query builders, no raw SQL.
    files: ['src/server/**/*.{ts,tsx}', 'src/cli/**/*.{ts,tsx}'],
    ignores: ['src/server/repositories/**', 'src/server/db/**'],
    rules: {
      'no-restricted-syntax': noQueryBuilders,
      'no-restricted-imports': ['error', { paths: [noSqlImport] }],
    },
  },
  {
    // Policies and presenters read through repositories and never touch Kysely.
    files: ['src/server/policies/**/*.ts', 'src/server/presenters/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'kysely', message: 'use a repository' }] }] },
  },
  {
    // Routes are thin: they call services, never repositories or Kysely.
    files: ['src/server/routes/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'kysely', message: 'use a service' }],
          patterns: [{ regex: REPOSITORIES, message: 'routes call services; a service reads and writes through the repositories' }],
        },
      ],
    },
  },
  {
    // The web app never reaches the database.
    files: ['src/web/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'kysely', message: 'use a repository' }] }] },
  },
);
