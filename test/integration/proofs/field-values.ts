// A new, valid value for one field of a request body, derived from its JSON schema and the value it
// has now — what the update-semantics proof sends to change exactly one field.
import { variantsOf, type JsonSchema } from './openapi.ts';

export class NeedsFixtureValue extends Error {}

function typeOf(schema: JsonSchema): string | undefined {
  return Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
}

function shiftDate(value: unknown, withTime: boolean): string {
  const base = typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? new Date(value) : new Date('2027-01-15T00:00:00.000Z');
  base.setUTCDate(base.getUTCDate() + 1);
  return withTime ? base.toISOString() : base.toISOString().slice(0, 10);
}

function differentNumber(schema: JsonSchema, current: unknown, integer: boolean): number {
  const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + (integer ? 1 : 0.5) : undefined);
  const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - (integer ? 1 : 0.5) : undefined);
  const now = typeof current === 'number' ? current : (min ?? 0);
  let next = now + 1;
  if (max !== undefined && next > max) next = now - 1;
  if (min !== undefined && next < min) next = min === now ? min + 1 : min;
  return next;
}

function differentString(schema: JsonSchema, current: unknown, field: string): string {
  if (schema.format === 'date') return shiftDate(current, false);
  if (schema.format === 'date-time') return shiftDate(current, true);
  if (schema.format === 'email') return `changed.${field}@proof.example.jp`;
  if (schema.format === 'uuid' || schema.format === 'uri' || schema.pattern) throw new NeedsFixtureValue(`${field}: a ${schema.format ?? 'patterned'} string`);
  const max = schema.maxLength ?? 200;
  let text = `証明で変更した${field}`.slice(0, max);
  if (text === current) text = `別の${field}`.slice(0, max);
  while (text.length < (schema.minLength ?? 0)) text += '字';
  return text;
}

/** A valid value of the field that differs from `current`; throws NeedsFixtureValue where it cannot know one. */
export function differentValue(schema: JsonSchema, current: unknown, field: string): unknown {
  const variant = variantsOf(schema)[0];
  if (!variant) throw new NeedsFixtureValue(`${field}: no non-null form`);
  if (variant.enum) {
    const other = variant.enum.find((value) => value !== current && value !== null);
    if (other === undefined) throw new NeedsFixtureValue(`${field}: an enum with one value`);
    return other;
  }
  switch (typeOf(variant)) {
    case 'boolean':
      return !(current === true);
    case 'integer':
      return differentNumber(variant, current, true);
    case 'number':
      return differentNumber(variant, current, false);
    case 'string':
      return differentString(variant, current, field);
    case 'array': {
      const items = variant.items ? variantsOf(variant.items)[0] : undefined;
      if (items?.enum && items.enum.length > 1) {
        const currentList = Array.isArray(current) ? current : [];
        const choice = items.enum.find((value) => !currentList.includes(value)) ?? items.enum[0];
        return [choice];
      }
      throw new NeedsFixtureValue(`${field}: an array of ${typeOf(items ?? {}) ?? 'objects'}`);
    }
    default:
      throw new NeedsFixtureValue(`${field}: a value of type ${typeOf(variant) ?? 'unknown'}`);
  }
}
