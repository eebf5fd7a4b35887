// Every action the server records has words in both languages (src/shared/audit-vocabulary.ts), so the
// audit log and the histories never show a code. The server's code is read for 'thing.verb' literals:
// a new action fails here until it is named, or listed below as not being an action.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_LABELS, AUDIT_SYSTEM_ACTORS, AUDIT_FIELD_LABELS, AUDIT_REFERENCE_FIELDS, AUDIT_TARGET_KINDS, AUDIT_TARGET_LABELS } from '../../src/shared/audit-vocabulary.ts';

/** 'a.b' literals in the server that are not recorded actions: permissions, column paths, file names. */
const NOT_ACTIONS = new Set([
  'attachment.write', 'incident.action', 'incident.attachment', // permission names checked before a write
  'classification.scheme_id', 'classification.confidentiality', 'classification.confidentiality_reason', 'classification.resident_impact',
  'classification.resident_impact_reason', 'classification.mental_distress', 'classification.economic_loss', 'classification.override_reason', // import field paths
  'surveys.created_at', 'surveys.organisation_id', 'users.disabled', 'users.email', 'users.locale', 'users.role', 'users.organisation_id', 'unknown_login_attempts.failures', // columns
]);
const NOT_ACTION_SHAPES = [/\.(id|en|ja|html|key|sqlite)$/, /^[a-z]{1,3}\./];

function serverFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return serverFiles(full);
    return d.name.endsWith('.ts') && !d.name.endsWith('.test.ts') ? [full] : [];
  });
}

function recordedActions(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of serverFiles(path.resolve('src/server'))) {
    for (const match of fs.readFileSync(file, 'utf8').matchAll(/'([a-z_]+\.[a-z_]+)'/g)) {
      const literal = match[1];
      if (NOT_ACTIONS.has(literal) || NOT_ACTION_SHAPES.some((shape) => shape.test(literal))) continue;
      if (!found.has(literal)) found.set(literal, path.relative(process.cwd(), file));
    }
  }
  return found;
}

describe('the audit vocabulary', () => {
  it('names every action the server records, in Japanese and English', () => {
    const actions = recordedActions();
    expect(actions.size).toBeGreaterThan(90);
    const unnamed = [...actions].filter(([action]) => !AUDIT_ACTION_LABELS[action]).map(([action, file]) => `${action} (${file})`);
    expect(unnamed).toEqual([]);
  });

  it("names every label the server's own actors record", () => {
    const labels = new Set<string>();
    for (const file of [...serverFiles(path.resolve('src/server')), path.resolve('src/cli/main.ts')]) {
      for (const match of fs.readFileSync(file, 'utf8').matchAll(/systemActor\([^,()]+,\s*'([^']+)'\)/g)) labels.add(match[1]);
    }
    expect(labels.size).toBeGreaterThan(4);
    expect([...labels].filter((label) => !AUDIT_SYSTEM_ACTORS[label])).toEqual([]);
  });

  it('has words in both languages for every action, target and field, and no two actions read alike', () => {
    for (const words of [AUDIT_ACTION_LABELS, AUDIT_TARGET_LABELS, AUDIT_FIELD_LABELS]) {
      for (const [key, bi] of Object.entries(words)) {
        expect(bi.ja, key).toMatch(/\S/);
        expect(bi.en, key).toMatch(/\S/);
        expect(bi.ja, `${key}: Japanese words`).not.toMatch(/^[a-z_.]+$/);
      }
    }
    const ja = Object.values(AUDIT_ACTION_LABELS).map((bi) => bi.ja);
    expect(new Set(ja).size).toBe(ja.length);
  });

  it('names the fields that hold references and the targets that have names', () => {
    for (const field of Object.keys(AUDIT_REFERENCE_FIELDS)) expect(AUDIT_FIELD_LABELS[field], field).toBeDefined();
    for (const target of Object.keys(AUDIT_TARGET_KINDS)) expect(AUDIT_TARGET_LABELS[target], target).toBeDefined();
  });
});
