// The audit log anchored outside the database: signed checkpoints of the chain head (HMAC under a key
// derived from the master key). Each attack is made directly in the database, as someone with write
// access to it but without the master key would: a modified row, rows deleted at the tail with the head
// moved back, a chain recomputed from an edit to its end, checkpoints rewritten or deleted.
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { dialects } from '../support/databases.ts';
import { useTestApp } from '../support/harness.ts';
import { buildMunicipality, buildUser } from '../support/factories.ts';
import { loginRequest } from '../support/http.ts';
import { runCli } from '../support/cli.ts';
import { auditEntryHash, type Checkpoint } from '../../src/domain/audit-chain.ts';
import { exportAuditCheckpoints, verifyAuditLog, writeAuditCheckpoint } from '../../src/server/services/audit-checkpoints.ts';

const EVERY = 5;

describe.each(dialects)('audit checkpoints on %s', (dialect) => {
  const t = useTestApp(dialect, { config: { auditCheckpointEvery: EVERY } });

  beforeAll(async () => {
    const city = await buildMunicipality(t);
    for (let i = 0; i < 4; i++) await buildUser(t, { organisation: city, role: 'editor' });
  });

  const verify = (fileCheckpoints?: Checkpoint[]) => verifyAuditLog(t.deps, { fileCheckpoints });
  const chain = () => t.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
  const checkpoints = () => t.db.selectFrom('audit_checkpoints').selectAll().orderBy('seq').execute();

  /** Runs an attack, then puts the log, its head and the checkpoints back as they were. */
  async function attack(run: () => Promise<void>, check: () => Promise<void>) {
    const rows = await chain();
    const head = await t.db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
    const signed = await checkpoints();
    await run();
    try {
      await check();
    } finally {
      await t.db.deleteFrom('audit_log').execute();
      for (let i = 0; i < rows.length; i += 500) await t.db.insertInto('audit_log').values(rows.slice(i, i + 500)).execute();
      await t.db.updateTable('audit_head').set({ count: head.count, last_hash: head.last_hash }).where('id', '=', 1).execute();
      await t.db.deleteFrom('audit_checkpoints').execute();
      if (signed.length) await t.db.insertInto('audit_checkpoints').values(signed).execute();
    }
    expect(await verify()).toMatchObject({ ok: true, problem: null });
  }

  it('writes a checkpoint after every N entries made through the API, and the clean chain verifies', async () => {
    const user = await buildUser(t, { organisation: await buildMunicipality(t), role: 'viewer' });
    for (let i = 0; i < EVERY + 1; i++) await loginRequest(t.app, user.email, `wrong-password-${i}`);
    await vi.waitFor(async () => expect((await checkpoints()).length).toBeGreaterThan(0));
    const [first] = await checkpoints();
    expect(first.hmac).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await checkpoints())).not.toContain(t.config.masterKey!);
    await writeAuditCheckpoint(t.deps);
    const result = await verify();
    expect(result).toMatchObject({ ok: true, problem: null });
    expect(result.checkpoints).toBeGreaterThanOrEqual(2);
  });

  it('detects a modified row', async () => {
    const rows = await chain();
    const victim = rows[Math.floor(rows.length / 2)];
    await attack(
      () => t.db.updateTable('audit_log').set({ actor_label: 'someone else' }).where('seq', '=', victim.seq).execute().then(() => undefined),
      async () => expect(await verify()).toMatchObject({ ok: false, problem: { seq: Number(victim.seq), problem: 'hash_mismatch' } }),
    );
  });

  it('detects rows deleted at the tail with the head moved back behind a checkpoint', async () => {
    await buildUser(t, { organisation: await buildMunicipality(t), role: 'viewer' });
    const signed = await writeAuditCheckpoint(t.deps);
    expect(signed).not.toBeNull();
    const keep = signed!.seq - 3;
    await attack(
      async () => {
        const last = await t.db.selectFrom('audit_log').select('hash').where('seq', '=', keep).executeTakeFirstOrThrow();
        await t.db.deleteFrom('audit_log').where('seq', '>', keep).execute();
        await t.db.updateTable('audit_head').set({ count: keep, last_hash: last.hash }).where('id', '=', 1).execute();
      },
      async () => {
        // The first signed head past the new end gives it away (a checkpoint written after some of the deleted rows).
        const firstPast = (await checkpoints()).map((cp) => Number(cp.seq)).find((seq) => seq > keep);
        expect(firstPast).toBeLessThanOrEqual(signed!.seq);
        expect(await verify()).toMatchObject({ ok: false, problem: { seq: firstPast, problem: 'truncated' } });
      },
    );
  });

  it('detects a chain recomputed from an edit to its end without the key: first the checkpoint no longer matches, then a rewritten checkpoint fails its HMAC', async () => {
    await writeAuditCheckpoint(t.deps);
    const signed = await checkpoints();
    const rows = await chain();
    const from = Number(rows[1].seq);
    const firstCovering = signed.find((cp) => Number(cp.seq) >= from)!;
    const recompute = async () => {
      let prev = rows[0].hash;
      for (const row of rows.slice(1)) {
        const fields = { ...row, seq: Number(row.seq), prev_hash: prev, after_json: Number(row.seq) === from ? '{"forged":true}' : row.after_json };
        const hash = auditEntryHash(fields);
        await t.db.updateTable('audit_log').set({ after_json: fields.after_json, prev_hash: prev, hash }).where('seq', '=', row.seq).execute();
        prev = hash;
      }
      await t.db.updateTable('audit_head').set({ last_hash: prev }).where('id', '=', 1).execute();
    };
    await attack(recompute, async () => {
      // The walk alone finds nothing: every hash and link was recomputed.
      expect(await verify()).toMatchObject({ ok: false, problem: { seq: Number(firstCovering.seq), problem: 'checkpoint_mismatch' } });
    });
    await attack(
      async () => {
        await recompute();
        // The forger also points every checkpoint at the new hashes, but cannot sign them.
        for (const cp of signed) {
          const row = await t.db.selectFrom('audit_log').select('hash').where('seq', '=', cp.seq).executeTakeFirstOrThrow();
          await t.db.updateTable('audit_checkpoints').set({ head_hash: row.hash }).where('seq', '=', cp.seq).execute();
        }
      },
      async () => expect(await verify()).toMatchObject({ ok: false, problem: { seq: Number(firstCovering.seq), problem: 'checkpoint_forged' } }),
    );
  });

  it('an exported checkpoint file catches a tail deleted together with the checkpoints that covered it', async () => {
    await buildUser(t, { organisation: await buildMunicipality(t), role: 'viewer' });
    await writeAuditCheckpoint(t.deps);
    const exported = (await exportAuditCheckpoints(t.deps)).checkpoints;
    const last = exported.at(-1)!;
    expect(await verify(exported)).toMatchObject({ ok: true, problem: null });
    const keep = last.seq - 2;
    await attack(
      async () => {
        const kept = await t.db.selectFrom('audit_log').select('hash').where('seq', '=', keep).executeTakeFirstOrThrow();
        await t.db.deleteFrom('audit_log').where('seq', '>', keep).execute();
        await t.db.deleteFrom('audit_checkpoints').where('seq', '>', keep).execute();
        await t.db.updateTable('audit_head').set({ count: keep, last_hash: kept.hash }).where('id', '=', 1).execute();
      },
      async () => {
        expect(await verify()).toMatchObject({ ok: true }); // the database alone cannot tell
        expect(await verify(exported)).toMatchObject({ ok: false, problem: { seq: last.seq, problem: 'truncated' } });
      },
    );
    await attack(
      () => t.db.deleteFrom('audit_checkpoints').where('seq', '=', last.seq).execute().then(() => undefined),
      async () => expect(await verify(exported)).toMatchObject({ ok: false, problem: { seq: last.seq, problem: 'checkpoint_missing' } }),
    );
  });

  it('daicho audit checkpoints --export and audit verify --checkpoints: exit 0 on the intact log, 1 once the tail is gone', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'daicho-cp-')), 'checkpoints.json');
    const env = { DAICHO_MASTER_KEY: t.config.masterKey! };
    const exported = await runCli(t.scratch, ['audit', 'checkpoints', '--export', file], env);
    expect(exported.code, exported.stderr).toBe(0);
    const content = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(content.format).toBe('daicho-audit-checkpoints/1');
    const last = content.checkpoints.at(-1);
    expect(last.seq).toBe(Number((await t.db.selectFrom('audit_head').select('count').executeTakeFirstOrThrow()).count));
    const intact = await runCli(t.scratch, ['audit', 'verify', '--checkpoints', file], env);
    expect(intact.code, intact.stderr).toBe(0);
    expect(intact.stdout).toContain('audit log intact');
    await attack(
      async () => {
        const kept = await t.db.selectFrom('audit_log').select('hash').where('seq', '=', last.seq - 1).executeTakeFirstOrThrow();
        await t.db.deleteFrom('audit_log').where('seq', '>=', last.seq).execute();
        await t.db.deleteFrom('audit_checkpoints').where('seq', '>=', last.seq).execute();
        await t.db.updateTable('audit_head').set({ count: last.seq - 1, last_hash: kept.hash }).where('id', '=', 1).execute();
      },
      async () => {
        const broken = await runCli(t.scratch, ['audit', 'verify', '--checkpoints', file], env);
        expect(broken.code).toBe(1);
        expect(broken.stderr).toContain(`seq ${last.seq}: truncated`);
        // Without the master key the checkpoints cannot be checked: another key calls them forged.
        const otherKey = await runCli(t.scratch, ['audit', 'verify', '--checkpoints', file], { DAICHO_MASTER_KEY: Buffer.alloc(32, 7).toString('base64') });
        expect(otherKey.code).toBe(1);
        expect(otherKey.stderr).toContain('checkpoint_forged');
      },
    );
  });
});
