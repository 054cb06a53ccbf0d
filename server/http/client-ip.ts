import type { IncomingMessage } from 'node:http';

/**
 * The client's address. Behind `trustedHops` proxies (TRUST_PROXY), it is the X-Forwarded-For entry the
 * outermost trusted proxy appended: counted from the right, because the client writes the left of the
 * header itself and could claim any address there. With no proxy trusted, the socket's address.
 */
export function clientIp(req: Pick<IncomingMessage, 'headers' | 'socket'>, trustedHops: number): string | null {
  const socket = req.socket.remoteAddress ?? null;
  if (trustedHops <= 0) return socket;
  const header = req.headers['x-forwarded-for'];
  const entries = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  // The chain as our side saw it: the socket (the nearest proxy), then the header from the right.
  const chain = [socket, ...entries.reverse()];
  return chain[Math.min(trustedHops, chain.length - 1)] ?? socket;
}
