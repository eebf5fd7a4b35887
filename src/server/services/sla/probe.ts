// One check of a monitored URL, from the municipality's side: GET with a deadline, no redirects
// followed, and never towards the installation's own network unless the operator allows it.
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

export interface ProbeResult {
  /** 2xx and 3xx are up (a redirect is an answer; it is not followed, least of all to another host). */
  ok: boolean;
  statusCode: number | null;
  /** Time to the response headers; null when no response came. */
  latencyMs: number | null;
  error: string | null;
}

export interface ProbeTarget {
  url: string;
  timeoutMs: number;
  allowPrivate: boolean;
}

// Loopback, private, link-local, carrier-grade NAT, "this network", multicast and reserved ranges:
// a monitor aimed there would let a user probe the server's own network (SSRF).
const INTERNAL = new net.BlockList();
for (const [prefix, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  INTERNAL.addSubnet(prefix, bits, 'ipv4');
for (const [prefix, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  INTERNAL.addSubnet(prefix, bits, 'ipv6');

/** True when the address lies on an internal network (IPv4-mapped IPv6 addresses are judged as IPv4). */
export function isInternalAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return INTERNAL.check(mapped[1], 'ipv4');
  const family = net.isIP(address);
  if (family === 4) return INTERNAL.check(address, 'ipv4');
  if (family === 6) return INTERNAL.check(address, 'ipv6');
  return true;
}

export class ProbeRefused extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(`refused: ${host} is an internal address (${address})`);
  }
}

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/**
 * Where a URL leads, judged before a monitor is saved: `refused` with the internal address it resolves to,
 * `unresolvable` when the name does not exist, otherwise null. (The check re-judges at connect time.)
 */
export async function judgeProbeUrl(rawUrl: string, allowPrivate: boolean): Promise<{ refused: ProbeRefused } | { unresolvable: string } | null> {
  if (allowPrivate) return null;
  const host = hostOf(new URL(rawUrl));
  if (net.isIP(host)) return isInternalAddress(host) ? { refused: new ProbeRefused(host, host) } : null;
  try {
    const addresses = await dns.promises.lookup(host, { all: true, verbatim: true });
    const internal = addresses.find((a) => isInternalAddress(a.address));
    return internal ? { refused: new ProbeRefused(host, internal.address) } : null;
  } catch (error) {
    // A name that does not exist is almost always a typo; a DNS hiccup is left to the checks.
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOTFOUND' ? { unresolvable: host } : null;
  }
}

/** dns.lookup that refuses internal addresses: the check connects only to addresses judged here (no DNS rebinding). */
function guardedLookup(allowPrivate: boolean): net.LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, verbatim: true }, (error, address, family) => {
      if (error || allowPrivate) return (callback as (...args: unknown[]) => void)(error, address, family);
      const addresses = Array.isArray(address) ? address : [{ address, family }];
      const internal = addresses.find((a) => isInternalAddress(a.address));
      if (internal) return (callback as (...args: unknown[]) => void)(new ProbeRefused(hostname, internal.address));
      (callback as (...args: unknown[]) => void)(null, address, family);
    });
  };
}

function describeError(error: Error, timeoutMs: number, timedOut: boolean): string {
  if (timedOut) return `timeout (${timeoutMs} ms)`;
  if (error instanceof ProbeRefused) return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  const text = code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
  return text.slice(0, 500);
}

/** Performs one check. Never throws: every failure is a result. */
export function probe(target: ProbeTarget): Promise<ProbeResult> {
  const failed = (error: string): ProbeResult => ({ ok: false, statusCode: null, latencyMs: null, error });
  let url: URL;
  try {
    url = new URL(target.url);
  } catch {
    return Promise.resolve(failed('invalid URL'));
  }
  // An IP literal never goes through lookup, so it is judged here.
  const host = hostOf(url);
  if (!target.allowPrivate && net.isIP(host) && isInternalAddress(host)) return Promise.resolve(failed(new ProbeRefused(host, host).message));

  return new Promise((resolve) => {
    const started = performance.now();
    let timedOut = false;
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(url, {
      method: 'GET',
      // A fresh connection per check, as a resident's browser would open, and no idle sockets left behind.
      agent: false,
      lookup: guardedLookup(target.allowPrivate),
      headers: { 'user-agent': 'Daicho-probe/1 (SLA monitor)', accept: '*/*', connection: 'close' },
    });
    const timer = setTimeout(() => {
      timedOut = true;
      request.destroy(new Error('timeout'));
    }, target.timeoutMs);
    let settled = false;
    const finish = (result: ProbeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    request.on('response', (response) => {
      const statusCode = response.statusCode ?? 0;
      const latencyMs = Math.round(performance.now() - started);
      // The status line is the answer; the body is not needed.
      response.destroy();
      const ok = statusCode >= 200 && statusCode < 400;
      finish({ ok, statusCode, latencyMs, error: ok ? null : `HTTP ${statusCode}` });
    });
    request.on('error', (error) => finish(failed(describeError(error, target.timeoutMs, timedOut))));
    request.end();
  });
}
