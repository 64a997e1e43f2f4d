import dns, { type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP } from 'node:net';

/**
 * Where a unit's webhook may not lead unless an administrator allow-listed its host: the worker's
 * own machine, the city's internal networks and the cloud's metadata service. Without this, whoever
 * may edit a unit's connector could make the worker post cases to (and probe) internal services.
 */
const internal = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 3], // multicast and reserved
] as const) {
  internal.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  internal.addSubnet(network, prefix, 'ipv6');
}

/**
 * Loopback, private, link-local and other non-public addresses. BlockList also applies the IPv4
 * ranges to IPv4-mapped IPv6 addresses (`::ffff:127.0.0.1`, `::ffff:7f00:1`).
 */
export function isInternalAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return internal.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** The URL's host as the allow-list names it: lower case, IPv6 without brackets. */
function hostOf(url: URL): string {
  return url.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
}

export function isAllowListed(url: URL, allowedHosts: readonly string[]): boolean {
  return allowedHosts.includes(hostOf(url));
}

export class InternalWebhookAddressError extends Error {
  constructor(host: string, address: string) {
    super(
      `${host} resolves to ${address}, a loopback, private or link-local address: ` +
        'add the host to CONNECTOR_ALLOWED_HOSTS if the unit system really lives there',
    );
    this.name = 'InternalWebhookAddressError';
  }
}

/**
 * Why this webhook URL may not be used, or null. For the back office's form: a host that does not
 * resolve (yet) passes, as delivery checks again on every attempt.
 */
export async function webhookUrlProblem(
  raw: string,
  allowedHosts: readonly string[],
): Promise<string | null> {
  const url = new URL(raw);
  if (isAllowListed(url, allowedHosts)) return null;
  const host = hostOf(url);
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      const found = await Promise.race([
        dns.promises.lookup(host, { all: true }),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 3000).unref()),
      ]);
      addresses = found.map((entry) => entry.address);
    } catch {
      return null;
    }
  }
  const internalAddress = addresses.find(isInternalAddress);
  return internalAddress ? new InternalWebhookAddressError(host, internalAddress).message : null;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * The address check happens in the connection's own DNS lookup, so a name that resolves to a
 * public address when checked and an internal one when connecting (DNS rebinding) is still caught.
 */
function guardedLookup(host: string) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const internalAddress = addresses.find((entry) => isInternalAddress(entry.address));
      if (internalAddress)
        return callback(new InternalWebhookAddressError(host, internalAddress.address), []);
      if (options.all) return callback(null, addresses);
      return callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

/**
 * POSTs to a unit's webhook: never to an internal address unless its host is allow-listed, and
 * never following a redirect (the status comes back as it is; a 3xx is the caller's to refuse).
 */
export function postToWebhook(input: {
  url: string;
  headers: Record<string, string>;
  body: string;
  allowedHosts: readonly string[];
  timeoutMs: number;
}): Promise<{ status: number }> {
  const url = new URL(input.url);
  const allowed = isAllowListed(url, input.allowedHosts);
  const host = hostOf(url);
  if (!allowed && isIP(host) && isInternalAddress(host)) {
    return Promise.reject(new InternalWebhookAddressError(host, host));
  }
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: 'POST',
        headers: { ...input.headers, 'content-length': String(Buffer.byteLength(input.body)) },
        timeout: input.timeoutMs,
        // One connection per delivery, closed after it: nothing pooled outlives an activity.
        agent: false,
        ...(allowed ? {} : { lookup: guardedLookup(host) as unknown as typeof dns.lookup }),
      },
      (response) => {
        // Only the status matters; the body is drained so the socket is freed.
        response.resume();
        response.on('end', () => resolve({ status: response.statusCode ?? 0 }));
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${input.timeoutMs} ms`)));
    request.on('error', reject);
    request.end(input.body);
  });
}
