import { pingDatabase } from '../repositories/executor.ts';
import type { Deps } from './deps.ts';

/** GET /health: one round trip to the database (throws when it does not answer). */
export async function checkDatabase(deps: Pick<Deps, 'db'>): Promise<void> {
  await pingDatabase(deps.db);
}
