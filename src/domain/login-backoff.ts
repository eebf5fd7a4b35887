// How long an account waits before its next sign-in attempt is even looked at: nothing for the first
// few failures, then 2, 4, 8 … seconds, doubling with every further failure up to a ceiling. Unlike a
// lock, the wait is short at first and a right password after it always gets in, so someone who only
// knows the e-mail address cannot keep the owner out for long.

/** Seconds to wait after `failures` consecutive failures (0 while under `freeFailures`), at most `maxSeconds`. */
export function loginWaitSeconds(failures: number, freeFailures: number, maxSeconds: number): number {
  if (failures < freeFailures) return 0;
  const exponent = failures - freeFailures + 1;
  // 2^exponent overflows nothing we care about before the ceiling: stop doubling at 30.
  return Math.min(2 ** Math.min(exponent, 30), maxSeconds);
}
