// A stand-in for the user's authenticator app.
//
// The server checks TOTP codes against the real wall clock (not the app's injectable clock), accepts one
// 30-second step of drift either way, and never accepts a step at or before the last one it accepted.
// So each code this device hands out is for a later step than the previous one, within the server's
// window; when the window is used up it waits for the next step (tests are written so that this is rare).
import { generate } from 'otplib';

const PERIOD = 30;

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export class Authenticator {
  private lastStep: number | null = null;

  constructor(readonly secret: string) {}

  /** A fresh, valid code the server has not seen yet. */
  async nextCode(): Promise<string> {
    for (;;) {
      const seconds = Date.now() / 1000;
      const current = Math.floor(seconds / PERIOD);
      // The previous step is only used when the window will not move past it before the request lands.
      const earliest = seconds % PERIOD < PERIOD - 5 ? current - 1 : current;
      const step = Math.max(earliest, this.lastStep === null ? earliest : this.lastStep + 1);
      if (step <= current + 1) {
        this.lastStep = step;
        return this.codeAt(step);
      }
      await sleep((PERIOD - (seconds % PERIOD)) * 1000 + 50);
    }
  }

  /** A well-formed code from long ago: wrong for the server now. */
  async staleCode(): Promise<string> {
    const current = Math.floor(Date.now() / 1000 / PERIOD);
    const valid = await Promise.all([-1, 0, 1, 2].map((d) => this.codeAt(current + d)));
    for (let back = 20; ; back++) {
      const code = await this.codeAt(current - back);
      if (!valid.includes(code)) return code;
    }
  }

  private codeAt(step: number): Promise<string> {
    return generate({ secret: this.secret, epoch: step * PERIOD });
  }
}
