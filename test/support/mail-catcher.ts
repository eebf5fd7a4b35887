// A loopback SMTP server (smtp-server) for the mail tests: records what it accepts, and can refuse
// for a while (451), refuse for good (550) or hold mails mid-delivery.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type Mode = 'accept' | 'tempfail' | 'permfail' | 'hold';

export interface Received {
  messageId: string;
  to: string[];
  from: string;
  raw: string;
}

/** A loopback SMTP server that records what it accepts; how it answers is switched by `mode`. */
export class MailCatcher {
  mode: Mode = 'accept';
  readonly received: Received[] = [];
  /** Mails in 'hold' mode, waiting for release(). */
  readonly held: (() => void)[] = [];
  refusals = 0;
  port = 0;
  private server: SMTPServer | null = null;

  async listen(port = 0) {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      closeTimeout: 50,
      onRcptTo: (_address, _session, callback) => {
        if (this.mode === 'tempfail' || this.mode === 'permfail') {
          this.refusals++;
          const error = Object.assign(new Error(this.mode === 'tempfail' ? 'Try again later' : 'No such mailbox'), { responseCode: this.mode === 'tempfail' ? 451 : 550 });
          return callback(error);
        }
        callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const accept = () => {
            this.received.push({
              messageId: /^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1] ?? '',
              to: session.envelope.rcptTo.map((r) => r.address),
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              raw,
            });
            callback();
          };
          if (this.mode === 'hold') this.held.push(accept);
          else accept();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.server.address() as AddressInfo).port;
  }

  release() {
    for (const accept of this.held.splice(0)) accept();
  }

  async close() {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get url() {
    return `smtp://127.0.0.1:${this.port}`;
  }

  messageIds() {
    return this.received.map((r) => r.messageId);
  }
}

