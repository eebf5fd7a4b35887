// The server outlives its database connections: when PostgreSQL closes pooled connections (restart,
// failover, an administrator terminating them), the next request simply uses a new one.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { dialects, POSTGRES_ADMIN_URL } from '../support/databases.ts';
import { useTestApp } from '../support/harness.ts';
import { api } from '../support/http.ts';

describe.skipIf(!dialects.includes('postgres'))('PostgreSQL connection loss', () => {
  const t = useTestApp('postgres');

  it('keeps answering after every pooled connection is terminated', async () => {
    expect((await api(t.app).get('/api/health')).statusCode).toBe(200);
    const database = new URL(t.config.databaseUrl!).pathname.slice(1);
    const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await admin.connect();
    const terminated = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [database]);
    await admin.end();
    expect(terminated.rowCount).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const after = await api(t.app).get('/api/health');
    expect(after.statusCode).toBe(200);
    expect(after.json().dialect).toBe('postgres');
  });
});
