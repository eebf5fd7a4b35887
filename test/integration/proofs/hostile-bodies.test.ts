// Hostile bodies, for every operation of the OpenAPI document that takes a JSON body: a property test
// (fast-check) mutates a valid body — a field of the wrong type, huge strings, deep nesting, unknown and
// prototype-polluting keys, Unicode edge cases, a body that is not an object — and sends it as raw JSON.
// The server never answers 5xx, and a refused request (4xx) writes nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dialects } from '../../support/databases.ts';
import { useTestApp } from '../../support/harness.ts';
import { OPERATIONS } from './catalogue-of-operations.ts';
import { buildFixtures, operationFixtures } from './fixtures/index.ts';
import { resolve, resolveParams } from './fixtures/types.ts';
import { fillPath, type Operation } from './openapi.ts';
import { requestOf, send } from './requests.ts';
import { changedTables, digest } from './schema-introspection.ts';
import { buildWorld, type ActorKey, type World } from './world.ts';

const FIXTURES = operationFixtures();
/** Sign-in and session operations change the caller's own session by design; they get hostile bodies from the auth tests. */
const SESSION_OPERATIONS = new Set(['POST /api/auth/login', 'POST /api/auth/mfa', 'POST /api/auth/password', 'POST /api/me/mfa/enable', 'POST /api/me/mfa/disable']);
const WITH_BODIES = OPERATIONS.filter((op) => op.body && op.method !== 'GET' && !SESSION_OPERATIONS.has(op.key));
const RUNS = Number(process.env.DAICHO_HOSTILE_RUNS) || 12;

const EDGE_STRINGS = [
  '\u0000',
  '\uD800',
  '\uDFFF',
  'a\u202Eb',
  '\uFEFF',
  'e\u0301\u0301\u0301\u0301',
  '👩‍👩‍👧‍👦',
  'Ａ１－ｶﾀｶﾅ',
  '𠮷野家',
  "'; drop table register_entries; --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%00%0d%0a',
  ' ',
  '',
];

const wrongValue = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.constantFrom(1e308, -1e308, -0, 2 ** 53 + 1, -1),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(...EDGE_STRINGS),
  fc.string({ maxLength: 50 }),
  fc.constantFrom('あ'.repeat(10_000), 'x'.repeat(300_000)),
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.anything({ maxDepth: 2 }), { maxKeys: 4 }),
);

function nested(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** A hostile raw JSON text made from a valid body (fields known from the schema). */
function hostileBody(base: Record<string, unknown>, fields: string[]): fc.Arbitrary<string> {
  const field = fields.length ? fc.constantFrom(...fields) : fc.constant('name');
  return fc.oneof(
    // One field of the wrong type or a hostile value.
    fc.tuple(field, wrongValue).map(([name, value]) => JSON.stringify({ ...base, [name]: value })),
    // One field replaced by deep nesting (sent as text: JSON.stringify would recurse).
    fc.tuple(field, fc.integer({ min: 200, max: 5000 }), fc.constantFrom('array' as const, 'object' as const)).map(([name, depth, kind]) => {
      const text = JSON.stringify({ ...base, [name]: '__NESTED__' });
      return text.replace('"__NESTED__"', nested(depth, kind));
    }),
    // Unknown keys, prototype pollution attempts.
    fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'organisation_id', 'created_at', fc.sample(fc.string({ minLength: 1, maxLength: 20 }), 1)[0]!).map((key) => {
      const text = JSON.stringify(base);
      const extra = `${JSON.stringify(key)}:{"polluted":true,"isAdmin":true}`;
      return text === '{}' ? `{${extra}}` : `${text.slice(0, -1)},${extra}}`;
    }),
    // Every string field set to an edge-case string.
    fc.constantFrom(...EDGE_STRINGS).map((edge) => JSON.stringify(Object.fromEntries(Object.entries(base).map(([k, v]) => [k, typeof v === 'string' ? edge : v])))),
    // Not an object at all.
    fc.constantFrom('null', '[]', '"text"', '42', 'true', '[{}]', '{"a":', '{}}', '\u0000'),
  );
}

describe.each(dialects)('hostile bodies on every write operation, from the OpenAPI document, on %s', (dialect) => {
  const t = useTestApp(dialect, { config: { probeAllowPrivate: true } });
  let world: World;

  beforeAll(async () => {
    world = await buildWorld(t);
    await buildFixtures(world);
  });

  function target(operation: Operation): { url: string; actor: ActorKey; base: Record<string, unknown> } {
    const fixture = FIXTURES.get(operation.key);
    if (operation.pathParams.length && !fixture) throw new Error(`${operation.key} has no fixture (test/integration/proofs/README.md)`);
    const actor = fixture?.as ?? 'city.org_admin';
    if (!fixture) return { url: fillPath(operation.path, {}), actor, base: {} };
    const request = requestOf(operation, fixture, world, resolveParams(fixture.params, world));
    const base = fixture.body === undefined ? {} : (resolve(fixture.body, world) as Record<string, unknown>);
    return { url: request.url, actor, base: typeof base === 'object' && base && !Array.isArray(base) ? base : {} };
  }

  it.each(WITH_BODIES.map((op) => [op.key, op] as const))('%s: no hostile body gets a 5xx, and a refused one writes nothing', async (_key, operation) => {
    const { url, actor, base } = target(operation);
    const fields = Object.keys(operation.body?.properties ?? {});
    // Signed in before the first digest: signing in writes the user's row.
    await world.session(actor);
    await fc.assert(
      fc.asyncProperty(hostileBody(base, fields), async (raw) => {
        const before = await digest(t);
        const res = await send(world, actor, operation, { url }, raw);
        expect(res.statusCode, `${operation.key} with ${raw.slice(0, 200)}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
        if (res.statusCode >= 400) expect(changedTables(before, await digest(t)), `${operation.key} refused ${raw.slice(0, 200)} but wrote`).toEqual([]);
      }),
      {
        numRuns: RUNS,
        // Always tried, besides the random ones: NUL in every text (PostgreSQL cannot store it) and in a key.
        examples: [[JSON.stringify(Object.fromEntries(Object.entries(base).map(([k, v]) => [k, typeof v === 'string' ? 'a\u0000b' : v])))], [JSON.stringify({ ...base, 'x\u0000': 'y' })]],
        // A deeply nested counterexample would fill the log: name it in 300 characters, with the seed to replay it.
        reporter: (run) => {
          if (!run.failed) return;
          const example = JSON.stringify(run.counterexample ?? []).slice(0, 300);
          throw new Error(`${operation.key}: ${String((run.errorInstance as Error | undefined)?.message ?? "too many skips or interrupted").slice(0, 600)}\ncounterexample: ${example}\nreplay with seed ${run.seed}, path "${run.counterexamplePath}"`);
        },
      },
    );
  });
});
