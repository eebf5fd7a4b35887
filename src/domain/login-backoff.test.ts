import { describe, expect, it } from 'vitest';
import { loginWaitSeconds } from './login-backoff.ts';

describe('loginWaitSeconds', () => {
  it('lets the first failures through, then doubles from 2 seconds up to the ceiling', () => {
    expect([0, 1, 4].map((n) => loginWaitSeconds(n, 5, 900))).toEqual([0, 0, 0]);
    expect([5, 6, 7, 8, 13, 14].map((n) => loginWaitSeconds(n, 5, 900))).toEqual([2, 4, 8, 16, 512, 900]);
    expect(loginWaitSeconds(10_000, 5, 900)).toBe(900);
  });
});
