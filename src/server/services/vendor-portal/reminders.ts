import type { Deps } from '../deps.ts';

/** Reminds vendors of answer requests past their due date; returns how many reminders were sent. */
export async function notifyOverdueRequests(_deps: Deps): Promise<number> {
  return 0;
}
