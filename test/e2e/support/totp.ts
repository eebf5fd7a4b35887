import { generate } from 'otplib';

const STEP_SECONDS = 30;

export function currentTimeStep(): number {
  return Math.floor(Date.now() / 1000 / STEP_SECONDS);
}

/**
 * A code from a time step after `usedStep`: the server refuses a step it has already accepted
 * (no replay), so this waits for the next 30-second step when needed.
 */
export async function freshCode(secret: string, usedStep: number): Promise<{ code: string; step: number }> {
  while (currentTimeStep() <= usedStep) await new Promise((resolve) => setTimeout(resolve, 500));
  const step = currentTimeStep();
  return { code: await generate({ secret }), step };
}
