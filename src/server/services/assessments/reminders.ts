import type { Deps } from '../deps.ts';

/** Announces assessment items past their due date once per item and due date; returns how many were announced. */
export async function notifyOverdueItems(_deps: Deps): Promise<number> {
  return 0;
}
