/** Who is asking, as far as the edge can tell: the address per-client limits count by. */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { AppEnv } from '../context.js';

/** An IPv4 address as Node reports it on a dual-stack socket (`::ffff:10.0.0.1`) is plain. */
function plain(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

/** The peer of the connection; `local` for a request made in-process (tests). */
function peerAddress(c: Context<AppEnv>): string {
  try {
    const address = getConnInfo(c).remote.address;
    return address === undefined ? 'local' : plain(address);
  } catch {
    return 'local';
  }
}

/**
 * The client's address. `X-Forwarded-For` is believed only when the connection comes from a
 * configured proxy (TRUSTED_PROXIES), and then only as far as the proxies go: the address is
 * the right-most one that is not itself a trusted proxy, since anything left of it was written
 * by the client.
 */
export function clientAddress(c: Context<AppEnv>): string {
  const trusted = c.var.deps.trustedProxies ?? [];
  const peer = peerAddress(c);
  if (!trusted.includes(peer)) return peer;
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((part) => plain(part.trim()))
    .filter((part) => part !== '');
  for (let index = forwarded.length - 1; index >= 0; index -= 1) {
    const hop = forwarded[index];
    if (hop !== undefined && !trusted.includes(hop)) return hop.slice(0, 64);
  }
  return peer;
}
