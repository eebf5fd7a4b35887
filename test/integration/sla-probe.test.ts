// The SLA probe (issue #5): a municipality's own monitor of a service's URL. Real HTTP servers on
// 127.0.0.1 go up, down, silent and away between ticks of the scheduler; the clock is moved by hand.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases.ts';
import { useTestApp } from '../support/harness.ts';
import { buildMunicipality, buildUser } from '../support/factories.ts';
import { api, signInFully, type Session } from '../support/http.ts';
import { auditEntries, expectError, expectStatus } from '../support/assertions.ts';
import { categoryIds, entryBody } from '../support/register.ts';
import { startProbeScheduler, type ProbeScheduler, type ProbeSchedulerOptions } from '../../src/server/jobs/probe-scheduler.ts';
import type { Deps } from '../../src/server/services/deps.ts';

type Mode = 'up' | 'down' | 'hang' | 'redirect';

/** A loopback HTTP server whose answer is chosen per path: 200, 503, a redirect, or none at all. */
class ServiceUnderTest {
  readonly modes = new Map<string, Mode>();
  readonly hits = new Map<string, number>();
  private server = http.createServer((request, response) => {
    const path = request.url ?? '/';
    this.hits.set(path, (this.hits.get(path) ?? 0) + 1);
    const mode = this.modes.get(path) ?? 'up';
    if (mode === 'hang') return; // never answers
    if (mode === 'redirect') {
      response.writeHead(302, { location: 'http://elsewhere.invalid/' }).end();
      return;
    }
    response.writeHead(mode === 'up' ? 200 : 503, { 'content-type': 'text/plain' }).end(mode);
  });
  port = 0;

  async listen(port = 0) {
    await new Promise<void>((resolve) => this.server.listen({ port, host: '127.0.0.1' }, resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Goes away: the port refuses connections until listen(port) again. */
  async close() {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  url(path: string) {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  hitsOf(path: string) {
    return this.hits.get(path) ?? 0;
  }
}

describe.each(dialects)('SLA probe on %s', (dialect) => {
  // The service under test listens on loopback, so the test app allows private addresses; the
  // refusal is tested on a sibling app (and a scheduler) without that flag. The clock moves by hours
  // and days here, so sessions are made to outlast it.
  const t = useTestApp(dialect, { config: { probeAllowPrivate: true, sessionIdleMinutes: 1_000_000, sessionAbsoluteHours: 100_000 } });
  const service = new ServiceUnderTest();
  const schedulers: ProbeScheduler[] = [];
  let editor: Session;
  let viewer: Session;
  let deptEditor: Session;
  let outsider: Session;
  let categoryId: string;
  let entryCount = 0;

  const monitorUrl = (entryId: string) => `/api/sla/entries/${entryId}/monitor`;
  const iso = () => t.clock.now().toISOString();

  async function newEntry(department = '市民課'): Promise<string> {
    const res = await api(t.app, editor).post('/api/register/entries', entryBody(categoryId, { name: `監視対象サービス${++entryCount}`, department }));
    expectStatus(res, 201);
    return res.json().id;
  }

  async function monitoredEntry(path: string, settings: Record<string, unknown> = {}): Promise<string> {
    const entryId = await newEntry();
    expectStatus(await api(t.app, editor).put(monitorUrl(entryId), { url: service.url(path), ...settings }), 200);
    return entryId;
  }

  function scheduler(options: ProbeSchedulerOptions = {}, deps: Deps = t.deps): ProbeScheduler {
    const started = startProbeScheduler(deps, { loop: false, ...options });
    schedulers.push(started);
    return started;
  }

  async function monitorOf(entryId: string) {
    const res = await api(t.app, viewer).get(monitorUrl(entryId));
    expectStatus(res, 200);
    return res.json();
  }

  function outagesOf(entryId: string) {
    return t.db.selectFrom('sla_outages').selectAll().where('entry_id', '=', entryId).orderBy('occurred_at').execute();
  }

  beforeAll(async () => {
    await service.listen();
    const city = await buildMunicipality(t);
    editor = await signInFully(t.app, await buildUser(t, { organisation: city, role: 'editor' }));
    viewer = await signInFully(t.app, await buildUser(t, { organisation: city, role: 'viewer' }));
    const taxEditor = await buildUser(t, { organisation: city, role: 'editor' });
    await t.db.updateTable('users').set({ department: '税務課' }).where('id', '=', taxEditor.id).execute();
    deptEditor = await signInFully(t.app, taxEditor);
    outsider = await signInFully(t.app, await buildUser(t, { organisation: await buildMunicipality(t), role: 'org_admin' }));
    categoryId = (await categoryIds(t.app, editor))['基幹系サービス'];
    // Start one minute into an hour, so that each test's checks fall into the hours it expects.
    const now = t.clock.now().getTime();
    t.clock.advanceMinutes((3_600_000 - (now % 3_600_000)) / 60_000 + 1);
  });

  afterEach(async () => {
    for (const running of schedulers.splice(0)) await running.stop();
    // Each test watches only its own monitors: a tick checks every due monitor of the database.
    await t.db.deleteFrom('sla_probe_hourly').execute();
    await t.db.deleteFrom('sla_monitors').execute();
    service.modes.clear();
  });

  afterAll(async () => {
    await service.close();
  });

  it('configures a monitor through the API, with defaults, and audits each change', async () => {
    const entryId = await newEntry();
    expect(await monitorOf(entryId)).toEqual({ monitor: null, hourly: [] });

    const created = await api(t.app, editor).put(monitorUrl(entryId), { url: service.url('/health') });
    expectStatus(created, 200);
    expect(created.json()).toMatchObject({
      entry_id: entryId,
      url: service.url('/health'),
      interval_seconds: 60,
      timeout_ms: 10_000,
      failures_to_open: 2,
      enabled: true,
      last_checked_at: null,
      last_ok: null,
      open_outage_id: null,
    });
    const [createAudit] = await auditEntries(t, { action: 'sla_monitor.create', targetId: entryId });
    expect(createAudit).toMatchObject({ target_type: 'register_entry', after: { url: service.url('/health') } });

    const updated = await api(t.app, editor).put(monitorUrl(entryId), { url: service.url('/health'), interval_seconds: 300, failures_to_open: 3 });
    expectStatus(updated, 200);
    expect(updated.json()).toMatchObject({ id: created.json().id, interval_seconds: 300, failures_to_open: 3 });
    const [updateAudit] = await auditEntries(t, { action: 'sla_monitor.update', targetId: entryId });
    expect(updateAudit).toMatchObject({ before: { interval_seconds: 60 }, after: { interval_seconds: 300 } });
    expect((await monitorOf(entryId)).monitor).toMatchObject({ interval_seconds: 300 });
  });

  it('refuses a bad URL, a short interval and internal addresses, naming the field', async () => {
    const entryId = await newEntry();
    const put = (body: Record<string, unknown>) => api(t.app, editor).put(monitorUrl(entryId), body);
    expectError(await put({ url: 'ftp://example.com/status' }), 400, 'validation_failed', ['url']);
    expectError(await put({ url: 'サービスのURL' }), 400, 'validation_failed', ['url']);
    const interval = expectError(await put({ url: 'https://example.com/', interval_seconds: 10 }), 400, 'validation_failed', ['interval_seconds']);
    expect((interval.error.details[0] as { reason_en?: string }).reason_en).toBe('Use at least 30 seconds');
    expectError(await put({ url: 'https://example.com/', timeout_ms: 100 }), 400, 'validation_failed', ['timeout_ms']);

    // Without DAICHO_PROBE_ALLOW_PRIVATE the server's own network is out of reach (SSRF).
    const guarded = await t.buildSibling({ probeAllowPrivate: false });
    for (const url of [service.url('/health'), 'http://localhost/', 'http://10.1.2.3/', 'http://192.168.10.1/admin', 'http://169.254.169.254/latest/meta-data/', 'http://[::1]:8080/', 'http://[::ffff:127.0.0.1]/']) {
      const refused = expectError(await api(guarded, editor).put(monitorUrl(entryId), { url }), 400, 'validation_failed', ['url']);
      expect((refused.error.details[0] as { reason_en?: string }).reason_en, url).toMatch(/internal address/);
    }
    expect((await monitorOf(entryId)).monitor).toBeNull();
    expect(await auditEntries(t, { action: 'sla_monitor.create', targetId: entryId })).toHaveLength(0);
  });

  it('opens an outage after failures_to_open failures, dated from the first, and closes it on recovery', async () => {
    const entryId = await monitoredEntry('/svc', { failures_to_open: 2, timeout_ms: 10_000 });
    const probe = scheduler();

    expect(await probe.tick()).toBe(1);
    expect((await monitorOf(entryId)).monitor).toMatchObject({ last_ok: true, last_status_code: 200, last_error: null, last_checked_at: iso() });
    expect(await probe.tick()).toBe(0); // not due again until the interval has passed

    service.modes.set('/svc', 'down');
    t.clock.advanceMinutes(1);
    const firstFailure = iso();
    expect(await probe.tick()).toBe(1);
    expect((await monitorOf(entryId)).monitor).toMatchObject({ last_ok: false, last_status_code: 503, last_error: 'HTTP 503', open_outage_id: null });
    expect(await outagesOf(entryId)).toHaveLength(0);

    t.clock.advanceMinutes(1);
    const detected = iso();
    await probe.tick();
    const [outage] = await outagesOf(entryId);
    expect(outage).toMatchObject({ source: 'probe', occurred_at: firstFailure, detected_at: detected, recovered_at: null, cause: 'unknown', description: 'HTTP 503', created_by_label: '自団体の監視 (probe)' });
    expect((await monitorOf(entryId)).monitor.open_outage_id).toBe(outage.id);
    const [opened] = await auditEntries(t, { action: 'sla_outage.probe_open', targetId: entryId });
    expect(opened).toMatchObject({ actor_label: 'probe', actor_user_id: null, after: { id: outage.id, source: 'probe', occurred_at: firstFailure } });

    t.clock.advanceMinutes(1);
    await probe.tick();
    expect(await outagesOf(entryId)).toHaveLength(1); // still the same outage

    service.modes.set('/svc', 'up');
    t.clock.advanceMinutes(1);
    const recovered = iso();
    await probe.tick();
    expect(await outagesOf(entryId)).toEqual([expect.objectContaining({ id: outage.id, occurred_at: firstFailure, recovered_at: recovered })]);
    expect((await monitorOf(entryId)).monitor).toMatchObject({ last_ok: true, open_outage_id: null });
    expect(await auditEntries(t, { action: 'sla_outage.probe_close', targetId: entryId })).toEqual([expect.objectContaining({ actor_label: 'probe', after: expect.objectContaining({ recovered_at: recovered }) })]);
    // Checks themselves are not audited (they would flood the chain): only the opening and the closing.
    expect((await auditEntries(t, { targetId: entryId })).map((e) => e.action)).toEqual(['register_entry.create', 'sla_monitor.create', 'sla_outage.probe_open', 'sla_outage.probe_close']);
    expect(service.hitsOf('/svc')).toBe(5);
  });

  it('counts checks per UTC hour over the last 48 hours, oldest first', async () => {
    const entryId = await monitoredEntry('/hourly', { failures_to_open: 10 });
    const probe = scheduler();
    await probe.tick();
    t.clock.advanceMinutes(1);
    await probe.tick();
    t.clock.advanceMinutes(60);
    service.modes.set('/hourly', 'down');
    await probe.tick();
    service.modes.set('/hourly', 'up');
    t.clock.advanceMinutes(1);
    await probe.tick();

    const { hourly } = await monitorOf(entryId);
    expect(hourly).toHaveLength(2);
    const firstHour = new Date(Math.floor((t.clock.now().getTime() - 3_600_000) / 3_600_000) * 3_600_000).toISOString();
    expect(hourly[0]).toMatchObject({ hour_start: firstHour, checks: 2, failures: 0 });
    expect(hourly[1]).toMatchObject({ checks: 2, failures: 1 });
    expect(hourly[1].hour_start > hourly[0].hour_start).toBe(true);
    for (const hour of hourly) {
      expect(hour.avg_latency_ms).toBeGreaterThanOrEqual(0);
      expect(hour.max_latency_ms).toBeGreaterThanOrEqual(hour.avg_latency_ms);
    }

    // Two days later only the newest hour is in the window.
    t.clock.advanceHours(48);
    expect(await probe.tick()).toBe(1);
    const later = (await monitorOf(entryId)).hourly;
    expect(later).toHaveLength(1);
    expect(later[0]).toMatchObject({ checks: 1, failures: 0 });
  });

  it('fails a check that gets no answer within the timeout, or no connection at all', async () => {
    service.modes.set('/silent', 'hang');
    const silentEntry = await monitoredEntry('/silent', { timeout_ms: 500, failures_to_open: 1 });
    const gone = new ServiceUnderTest();
    await gone.listen();
    const gonePort = gone.port;
    await gone.close();
    const goneEntry = await newEntry();
    expectStatus(await api(t.app, editor).put(monitorUrl(goneEntry), { url: `http://127.0.0.1:${gonePort}/`, timeout_ms: 2000, failures_to_open: 1 }), 200);
    const redirectEntry = await monitoredEntry('/moved');
    service.modes.set('/moved', 'redirect');

    expect(await scheduler().tick()).toBe(3);
    const silent = (await monitorOf(silentEntry)).monitor;
    expect(silent).toMatchObject({ last_ok: false, last_status_code: null, last_latency_ms: null, last_error: 'timeout (500 ms)' });
    expect(await outagesOf(silentEntry)).toEqual([expect.objectContaining({ description: 'timeout (500 ms)', recovered_at: null })]);
    expect((await monitorOf(silentEntry)).hourly).toEqual([expect.objectContaining({ checks: 1, failures: 1, avg_latency_ms: null, max_latency_ms: null })]);
    expect((await monitorOf(goneEntry)).monitor).toMatchObject({ last_ok: false, last_status_code: null, last_error: expect.stringMatching(/ECONNREFUSED/) });
    // A redirect is an answer: up, and not followed.
    expect((await monitorOf(redirectEntry)).monitor).toMatchObject({ last_ok: true, last_status_code: 302 });

    // The service comes back on the same port: the outage closes.
    await gone.listen(gonePort);
    t.clock.advanceMinutes(1);
    await scheduler().tick();
    await gone.close();
    expect((await monitorOf(goneEntry)).monitor).toMatchObject({ last_ok: true, open_outage_id: null });
    expect((await outagesOf(goneEntry))[0].recovered_at).toBe(iso());
  });

  it('refuses internal addresses again at check time when they are not allowed', async () => {
    const literal = await monitoredEntry('/internal-literal');
    const named = await newEntry();
    expectStatus(await api(t.app, editor).put(monitorUrl(named), { url: `http://localhost:${service.port}/internal-named`, failures_to_open: 5 }), 200);
    // Another process whose operator did not allow private addresses.
    const guarded = scheduler({}, { ...t.deps, config: { ...t.deps.config, probeAllowPrivate: false } });
    expect(await guarded.tick()).toBe(2);
    for (const entryId of [literal, named]) expect((await monitorOf(entryId)).monitor).toMatchObject({ last_ok: false, last_error: expect.stringMatching(/internal address/) });
    expect(service.hitsOf('/internal-literal') + service.hitsOf('/internal-named')).toBe(0);
  });

  it('never lets two schedulers (two processes) check the same monitor twice in one interval', async () => {
    const paths = Array.from({ length: 8 }, (_, i) => `/shared/${i}`);
    const entries = [];
    for (const path of paths) entries.push(await monitoredEntry(path));
    const first = scheduler({ concurrency: 3, batchSize: 2 });
    const second = scheduler({ concurrency: 3, batchSize: 2 });

    const [a, b] = await Promise.all([first.tick(), second.tick()]);
    expect(a + b).toBe(8);
    expect(paths.map((p) => service.hitsOf(p))).toEqual(paths.map(() => 1));

    t.clock.advanceMinutes(0.5);
    expect(await Promise.all([first.tick(), second.tick()])).toEqual([0, 0]);
    t.clock.advanceMinutes(0.5);
    const [c, d] = await Promise.all([first.tick(), second.tick()]);
    expect(c + d).toBe(8);
    expect(paths.map((p) => service.hitsOf(p))).toEqual(paths.map(() => 2));
    for (const entryId of entries) expect((await monitorOf(entryId)).hourly.reduce((sum: number, h: { checks: number }) => sum + h.checks, 0)).toBe(2);
  });

  it('runs by itself on a timer, and stop() waits for the check under way', async () => {
    service.modes.set('/timer', 'hang');
    const entryId = await monitoredEntry('/timer', { timeout_ms: 700, failures_to_open: 5 });
    const running = scheduler({ loop: true, pollMs: 20 });
    const deadline = Date.now() + 120_000;
    while (service.hitsOf('/timer') === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(service.hitsOf('/timer')).toBe(1);
    await running.stop();
    expect((await monitorOf(entryId)).monitor).toMatchObject({ last_ok: false, last_error: 'timeout (700 ms)' });
  });

  it('keeps other organisations out, and lets viewers and other departments only read', async () => {
    const entryId = await monitoredEntry('/private-to-city');
    const body = { url: 'https://example.com/' };
    expectError(await api(t.app, outsider).get(monitorUrl(entryId)), 404, 'not_found');
    expectError(await api(t.app, outsider).put(monitorUrl(entryId), body), 404, 'not_found');
    expectError(await api(t.app, outsider).delete(monitorUrl(entryId)), 404, 'not_found');
    expect((await monitorOf(entryId)).monitor.url).toBe(service.url('/private-to-city'));
    expectError(await api(t.app, viewer).put(monitorUrl(entryId), body), 403, 'forbidden');
    expectError(await api(t.app, viewer).delete(monitorUrl(entryId)), 403, 'forbidden');
    expectError(await api(t.app, deptEditor).put(monitorUrl(entryId), body), 403, 'forbidden', ['department']);
    expectStatus(await api(t.app, deptEditor).get(monitorUrl(entryId)), 200);
    expect((await monitorOf(entryId)).monitor.url).toBe(service.url('/private-to-city'));
    expectError(await api(t.app, editor).get(monitorUrl('00000000-0000-7000-8000-000000000000')), 404, 'not_found');
  });

  it('closes the open outage when the monitor is removed or switched off', async () => {
    service.modes.set('/removed', 'down');
    service.modes.set('/paused', 'down');
    const removed = await monitoredEntry('/removed', { failures_to_open: 1 });
    const paused = await monitoredEntry('/paused', { failures_to_open: 1 });
    await scheduler().tick();
    expect((await outagesOf(removed))[0].recovered_at).toBeNull();
    expect((await outagesOf(paused))[0].recovered_at).toBeNull();

    t.clock.advanceMinutes(5);
    const removedAt = iso();
    expectStatus(await api(t.app, editor).delete(monitorUrl(removed)), 200);
    expect((await outagesOf(removed))[0].recovered_at).toBe(removedAt);
    expect(await monitorOf(removed)).toEqual({ monitor: null, hourly: [] });
    const monitorIds = (await t.db.selectFrom('sla_probe_hourly').select('monitor_id').execute()).map((r) => r.monitor_id);
    expect(monitorIds).toHaveLength(1); // only the paused monitor's hour is left
    const [deleted] = await auditEntries(t, { action: 'sla_monitor.delete', targetId: removed });
    expect(deleted.after).toEqual({ closed_outage_id: (await outagesOf(removed))[0].id });
    expectError(await api(t.app, editor).delete(monitorUrl(removed)), 404, 'not_found');

    const pausedMonitor = (await monitorOf(paused)).monitor;
    expectStatus(await api(t.app, editor).put(monitorUrl(paused), { url: pausedMonitor.url, failures_to_open: 1, enabled: false }), 200);
    expect((await outagesOf(paused))[0].recovered_at).toBe(removedAt);
    expect((await monitorOf(paused)).monitor).toMatchObject({ enabled: false, open_outage_id: null });
    t.clock.advanceMinutes(5);
    expect(await scheduler().tick()).toBe(0); // a disabled monitor is not checked
  });
});
