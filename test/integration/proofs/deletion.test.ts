// Deletion, proven for every DELETE of the OpenAPI document: the owner deletes the fixture's object and
// gets either 2xx — after which no row anywhere points at a row that is gone — or 409 naming what blocks
// it, with nothing changed; never a 500. References are what the database declares (foreign keys, found
// by introspection) plus the polymorphic attachments; for a parent (an entry, a vendor service, a vendor,
// a category) the world must hold a row in every table that refers to it, so each removal is exercised.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { dialects } from '../../support/databases.ts';
import { useTestApp } from '../../support/harness.ts';
import { OPERATIONS } from './catalogue-of-operations.ts';
import { buildFixtures, operationFixtures } from './fixtures/index.ts';
import { resolveParams } from './fixtures/types.ts';
import { requestOf, send } from './requests.ts';
import { POLYMORPHIC, changedTables, countReferring, digest, orphans, references, unexplainedIdColumns } from './schema-introspection.ts';
import { buildWorld, type World } from './world.ts';

const FIXTURES = operationFixtures();
const DELETES = OPERATIONS.filter((op) => op.method === 'DELETE');
// Parents last (in the fixtures' order), so that the other deletions act on objects that are still there.
const parentOrder = (key: string) => FIXTURES.get(key)?.deletion?.order ?? 0;
const ORDERED = [
  ...DELETES.filter((op) => !FIXTURES.get(op.key)?.deletion?.parent),
  ...DELETES.filter((op) => FIXTURES.get(op.key)?.deletion?.parent).sort((a, b) => parentOrder(a.key) - parentOrder(b.key)),
];

describe.each(dialects)('deletion through every DELETE, from the OpenAPI document and the schema, on %s', (dialect) => {
  const t = useTestApp(dialect, { config: { probeAllowPrivate: true } });
  let world: World;

  beforeAll(async () => {
    world = await buildWorld(t);
    await buildFixtures(world);
  });

  it('every column named *_id is a declared foreign key, a polymorphic reference or explained', async () => {
    expect(await unexplainedIdColumns(t), 'declare a foreign key in the migration, or explain the column in schema-introspection.ts').toEqual([]);
  });

  it('every kind of attachment in the world points at a table the proofs know', async () => {
    for (const { table, typeColumn, parents } of POLYMORPHIC) {
      const { rows } = await sql<{ kind: string }>`select distinct ${sql.ref(typeColumn)} as kind from ${sql.table(table)}`.execute(t.db);
      expect(rows.map((r) => r.kind).filter((kind) => !(kind in parents)), `${table}.${typeColumn} values without a parent table`).toEqual([]);
    }
  });

  it('the world starts without orphans', async () => {
    expect(await orphans(t)).toEqual([]);
  });

  it.each(ORDERED.map((op) => [op.key, op] as const))('%s removes or detaches what refers to it, or answers 409 naming what blocks it', async (_key, operation) => {
    const fixture = FIXTURES.get(operation.key);
    if (!fixture) throw new Error(`${operation.key} has no fixture (test/integration/proofs/README.md)`);
    if (fixture.deletion?.skip) {
      expect(fixture.deletion.skip.length, 'a skipped deletion says why').toBeGreaterThan(10);
      return;
    }
    const actor = fixture.as;
    if (!actor) throw new Error(`${operation.key}: the fixture says who deletes (as)`);
    const source = fixture.deletion?.params ?? fixture.params;
    const params = resolveParams(source, world);
    const parent = fixture.deletion?.parent;
    if (parent) {
      const objectId = params.id ?? Object.values(params)[0]!;
      const referring = (await references(t)).filter((ref) => ref.parent === parent);
      const empty: string[] = [];
      for (const ref of referring) if ((await countReferring(t, ref, objectId)) === 0) empty.push(`${ref.table}.${ref.column}${ref.where ? ` (${ref.where.column}=${ref.where.value})` : ''}`);
      expect(empty, `the world has no row referring to this ${parent} row in these tables: add one in the fixtures so that its removal is proven`).toEqual([]);
    }

    const before = await digest(t);
    const res = await send(world, actor, operation, requestOf(operation, { ...fixture, params: source }, world, params));
    expect([200, 204, 409], `${operation.key} as ${actor}: ${res.statusCode} ${res.body.slice(0, 400)}`).toContain(res.statusCode);
    if (res.statusCode === 409) {
      const details = res.json().error.details as { field: string; reason: string }[];
      expect(details.length, '409 names what blocks the deletion').toBeGreaterThan(0);
      expect(changedTables(before, await digest(t)), 'a refused deletion changes nothing').toEqual([]);
      return;
    }
    expect(changedTables(before, await digest(t)).length, 'a deletion removes something').toBeGreaterThan(0);
    expect(await orphans(t), 'rows that point at what is gone').toEqual([]);
  });
});
