// The mails the app under test has sent: global-setup's SMTP server writes each one, raw, to a folder
// (inject('mailDir')); these helpers read them back (text parts only, as the app sends).
import fs from 'node:fs';
import path from 'node:path';

export interface ReceivedMail {
  file: string;
  /** The SMTP envelope's recipients. */
  to: string[];
  subject: string;
  text: string;
}

function decodeQuotedPrintable(body: string): Buffer {
  const joined = body.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const char = joined[i];
    if (char === '=' && /^[0-9A-Fa-f]{2}$/.test(joined.slice(i + 1, i + 3))) {
      bytes.push(parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(char, 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

function decodeBody(body: string, encoding: string): string {
  switch (encoding.toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable':
      return decodeQuotedPrintable(body).toString('utf8');
    default:
      return body;
  }
}

/** RFC 2047 encoded words (=?UTF-8?B?…?= / =?UTF-8?Q?…?=) in a header. */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, _charset: string, kind: string, data: string) =>
      kind.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQuotedPrintable(data.replace(/_/g, ' ')).toString('utf8'),
    );
}

function headersOf(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/** The text of a (possibly multipart) body: its text/plain part(s), decoded. */
function textOf(headers: Map<string, string>, body: string): string {
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (type.toLowerCase().startsWith('multipart/') && boundary) {
    return body
      .split(`--${boundary}`)
      .slice(1)
      .filter((part) => !part.startsWith('--'))
      .map((part) => {
        const split = part.replace(/^\r?\n/, '').search(/\r?\n\r?\n/);
        const trimmed = part.replace(/^\r?\n/, '');
        const partHeaders = headersOf(trimmed.slice(0, split));
        return textOf(partHeaders, trimmed.slice(split).replace(/^\r?\n\r?\n/, ''));
      })
      .filter(Boolean)
      .join('\n');
  }
  if (!type.toLowerCase().startsWith('text/plain')) return '';
  return decodeBody(body, headers.get('content-transfer-encoding') ?? '7bit');
}

export function readMail(file: string): ReceivedMail {
  const raw = fs.readFileSync(file, 'utf8');
  const split = raw.search(/\r?\n\r?\n/);
  const headers = headersOf(raw.slice(0, split));
  const body = raw.slice(split).replace(/^\r?\n\r?\n/, '');
  return {
    file,
    to: (headers.get('x-envelope-to') ?? '').split(',').map((a) => a.trim().toLowerCase()).filter(Boolean),
    subject: decodeHeader(headers.get('subject') ?? ''),
    text: textOf(headers, body),
  };
}

/** Every mail received so far (oldest first). */
export function receivedMails(dir: string): ReceivedMail[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.eml'))
    .sort()
    .map((name) => readMail(path.join(dir, name)));
}

/** Waits (the app's mail sender polls its outbox every second) for a mail to `to` that matches. */
export async function waitForMail(dir: string, to: string, match: (mail: ReceivedMail) => boolean = () => true, timeoutMs = 30_000): Promise<ReceivedMail> {
  const deadline = Date.now() + timeoutMs;
  const address = to.toLowerCase();
  for (;;) {
    const found = receivedMails(dir).find((mail) => mail.to.includes(address) && match(mail));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no mail to ${to} within ${timeoutMs} ms (${receivedMails(dir).length} mails in ${dir})`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
