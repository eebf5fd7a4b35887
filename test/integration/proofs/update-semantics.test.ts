// Update semantics, proven for every PATCH and PUT of the OpenAPI document: change one field at a time
// and read the object back through its GET — that field changed and every other field of the request
// schema kept its value. A PATCH sends the one field alone (plus any carried revision); a PUT sends the
// whole object as it is now with that one field changed (a PUT replaces the whole object by design).
import { beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../../support/databases.ts';
import { useTestApp } from '../../support/harness.ts';
import { OPERATIONS } from './catalogue-of-operations.ts';
import { differentValue, NeedsFixtureValue } from './field-values.ts';
import { buildFixtures, operationFixtures } from './fixtures/index.ts';
import { resolve, resolveParams, type OperationFixture, type UpdateFixture } from './fixtures/types.ts';
import type { Operation } from './openapi.ts';
import { requestOf, send } from './requests.ts';
import { buildWorld, type ActorKey, type World } from './world.ts';

const FIXTURES = operationFixtures();
const UPDATES = OPERATIONS.filter((op) => op.method === 'PATCH' || op.method === 'PUT');

describe.each(dialects)('update semantics of every PATCH and PUT, from the OpenAPI document, on %s', (dialect) => {
  const t = useTestApp(dialect, { config: { probeAllowPrivate: true } });
  let world: World;

  beforeAll(async () => {
    world = await buildWorld(t);
    await buildFixtures(world);
  });

  /** The object as the fixture's GET shows it, in request field names. */
  async function read(operation: Operation, fixture: OperationFixture, update: UpdateFixture, actor: ActorKey): Promise<Record<string, unknown>> {
    const readOperation = OPERATIONS.find((op) => op.key === update.read);
    if (!readOperation) throw new Error(`${operation.key}: update.read names no operation (${update.read})`);
    const params = resolveParams(update.readParams ?? fixture.params, world);
    const request = requestOf(readOperation, { params: update.readParams ?? fixture.params, query: update.readQuery }, world, params);
    const res = await send(world, actor, readOperation, request);
    expect(res.statusCode, `${update.read} as ${actor}: ${res.body.slice(0, 300)}`).toBe(200);
    const object = update.readAs ? update.readAs(res.json(), world) : res.json();
    expect(object, `${operation.key}: the read-back finds the object`).toBeTruthy();
    return JSON.parse(JSON.stringify(object));
  }

  it('every PATCH and PUT has an update fixture', () => {
    const missing = UPDATES.filter((op) => !FIXTURES.get(op.key)?.update && !FIXTURES.get(op.key)?.tenancy?.skip).map((op) => op.key);
    expect(missing, 'add update: { read, ... } to these fixtures (test/integration/proofs/README.md)').toEqual([]);
  });

  it('no PATCH body gives a field a default (it would overwrite the stored value when the field is not sent)', () => {
    const withDefaults = UPDATES.filter((op) => op.method === 'PATCH').flatMap((op) =>
      Object.entries(op.body?.properties ?? {})
        .filter(([, schema]) => JSON.stringify(schema).includes('"default"'))
        .map(([field]) => `${op.key}: ${field}`),
    );
    expect(withDefaults).toEqual([]);
  });

  it.each(UPDATES.map((op) => [op.key, op] as const))('%s changes only the field it changes', async (_key, operation) => {
    const fixture = FIXTURES.get(operation.key);
    const update = fixture?.update;
    if (!fixture || !update) throw new Error(`${operation.key} has no update fixture (test/integration/proofs/README.md)`);
    const actor = fixture.as;
    if (!actor) throw new Error(`${operation.key}: the fixture says who updates (as)`);
    const properties = operation.body?.properties ?? {};
    const fields = Object.keys(properties).filter((field) => !(field in (update.skip ?? {})) && !(update.carry ?? []).includes(field));
    expect(fields.length, `${operation.key} has fields to vary`).toBeGreaterThan(0);
    const params = resolveParams(fixture.params, world);
    const always = update.always ? resolve(update.always, world) : {};

    for (const field of fields) {
      const before = await read(operation, fixture, update, actor);
      let value: unknown;
      if (update.values && field in update.values) value = resolve(update.values[field], world);
      else {
        try {
          value = differentValue(properties[field]!, before[field], field);
        } catch (error) {
          if (error instanceof NeedsFixtureValue) throw new Error(`${operation.key}: give update.values.${error.message}`);
          throw error;
        }
      }
      const carried = Object.fromEntries((update.carry ?? []).map((name) => [name, before[name]]));
      const whole = operation.method === 'PUT' ? Object.fromEntries(Object.keys(properties).filter((name) => before[name] !== undefined).map((name) => [name, before[name]])) : {};
      const body = { ...whole, ...carried, ...always, [field]: value };
      const res = await send(world, actor, operation, { ...requestOf(operation, fixture, world, params), body });
      expect(res.statusCode, `${operation.key} with ${field} = ${JSON.stringify(value)}: ${res.body.slice(0, 400)}`).toBeLessThan(300);

      const after = await read(operation, fixture, update, actor);
      if (field in before) expect(after[field], `${operation.key}: ${field} changed`).not.toEqual(before[field]);
      for (const other of Object.keys(properties)) {
        if (other === field || !(other in before) || (update.carry ?? []).includes(other) || other in always) continue;
        if (update.coupled?.[field]?.fields.includes(other)) continue;
        expect(after[other], `${operation.key}: changing ${field} kept ${other}`).toEqual(before[other]);
      }
    }
  });
});
