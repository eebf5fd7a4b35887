// Tenancy, proven for every operation of the OpenAPI document that names an object in its path: every
// role of every outsider organisation (a municipality and a prefecture elsewhere, another vendor, an
// association the owner is not in) asks for the owner's object and gets exactly what it would get for an
// id that names nothing — 404, or 403 where its role has no access to the feature at all — and nothing
// is written. An operation without a fixture fails here with its name.
import { beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../../support/databases.ts';
import { useTestApp } from '../../support/harness.ts';
import { OPERATIONS, hasIdParameter, withUnknownIds } from './catalogue-of-operations.ts';
import { buildFixtures, operationFixtures } from './fixtures/index.ts';
import { resolveParams } from './fixtures/types.ts';
import { requestOf, send } from './requests.ts';
import { changedTables, digest } from './schema-introspection.ts';
import { buildWorld, type World } from './world.ts';

const FIXTURES = operationFixtures();
const WITH_PATH_PARAMETERS = OPERATIONS.filter((op) => op.pathParams.length > 0);

function answerOf(res: { statusCode: number; body: string; headers: Record<string, unknown> }) {
  const json = String(res.headers['content-type'] ?? '').includes('json') ? JSON.parse(res.body) : res.body;
  return { status: res.statusCode, body: json };
}

describe.each(dialects)('tenancy of every operation on an object, from the OpenAPI document, on %s', (dialect) => {
  // The fixtures' monitor points at loopback (it is never switched on).
  const t = useTestApp(dialect, { config: { probeAllowPrivate: true } });
  let world: World;

  beforeAll(async () => {
    world = await buildWorld(t);
    await buildFixtures(world);
    // Sign every outsider in first, so that the digests below see only what the requests do.
    for (const actor of world.outsiders()) await world.session(actor);
  });

  it('every operation with a path parameter has a fixture, and every fixture names a real operation', () => {
    const missing = WITH_PATH_PARAMETERS.filter((op) => !FIXTURES.has(op.key)).map((op) => op.key);
    expect(missing, 'add these to test/integration/proofs/fixtures/ (see the README there)').toEqual([]);
    const known = new Set(OPERATIONS.map((op) => op.key));
    expect([...FIXTURES.keys()].filter((key) => !known.has(key)), 'fixtures of operations that do not exist').toEqual([]);
  });

  it.each(WITH_PATH_PARAMETERS.map((op) => [op.key, op] as const))('%s: an outsider gets what a missing object gets, and changes nothing', async (_key, operation) => {
    const fixture = FIXTURES.get(operation.key);
    if (!fixture) throw new Error(`${operation.key} has no fixture: add one in test/integration/proofs/fixtures/ (see the README there)`);
    if (fixture.tenancy?.skip) {
      expect(fixture.tenancy.skip.length, 'a skipped operation says why').toBeGreaterThan(10);
      return;
    }
    const params = resolveParams(fixture.params, world);
    expect(hasIdParameter(params), `${operation.key}: its fixture names no object id (say why in tenancy.skip)`).toBe(true);
    const real = requestOf(operation, fixture, world, params);
    const before = await digest(t);
    for (const outsider of world.outsiders()) {
      const answer = answerOf(await send(world, outsider, operation, real));
      const missing = answerOf(await send(world, outsider, operation, requestOf(operation, fixture, world, withUnknownIds(params))));
      expect([403, 404], `${outsider} on ${real.url}: ${JSON.stringify(answer.body).slice(0, 300)}`).toContain(answer.status);
      expect(answer, `${outsider} can tell the owner's object from a missing one`).toEqual(missing);
    }
    expect(changedTables(before, await digest(t)), 'tables the outsiders changed').toEqual([]);
  });
});
