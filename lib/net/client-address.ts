// The address a request came from, the one every per-address limit counts
// by: the sandbox server's routes, the web's route handlers (through the
// header server.ts stamps) and both socket.io handshakes use this one rule.
// It is Express's trust-proxy rule with a hop count: the connection's own
// peer, unless `trustHops` proxies stand in front, in which case the entry of
// X-Forwarded-For that the outermost trusted proxy saw. A client can write
// any X-Forwarded-For it likes; with no trusted hops the header is ignored.
import proxyaddr from 'proxy-addr';
import ipaddr from 'ipaddr.js';

export interface AddressedRequest {
  socket?: { remoteAddress?: string } | null;
  headers: Record<string, string | string[] | undefined>;
}

/** The header server.ts writes (and overwrites) before Next.js sees a request. */
export const CLIENT_ADDRESS_HEADER = 'x-layerlab-client-address';

export function clientAddress(req: AddressedRequest, trustHops: number): string {
  // proxy-addr reads req.connection or req.socket; a socket already closed has no address.
  if (!req.socket?.remoteAddress) return 'unknown';
  const hops = Math.max(0, Math.floor(trustHops));
  const forwarded = req.headers['x-forwarded-for'];
  // Repeated headers are one list, in order (Node joins them the same way).
  const headers = Array.isArray(forwarded) ? { ...req.headers, 'x-forwarded-for': forwarded.join(', ') } : req.headers;
  // Express compiles `trust proxy = N` to exactly this: the first N
  // addresses, counted from the connection towards the client, are proxies.
  return proxyaddr({ socket: req.socket, headers } as Parameters<typeof proxyaddr>[0], (_addr, i) => i < hops);
}

// In a route handler: the address server.ts stamped on the request. Without
// it (a server other than server.ts), every request shares one key, which
// limits too much rather than too little.
export function requestClientKey(headers: { get(name: string): string | null }): string {
  return addressKey(headers.get(CLIENT_ADDRESS_HEADER)?.trim() || 'unknown');
}

// The key a limit counts by. An IPv4 client mapped into IPv6 is the IPv4
// address; an IPv6 client is its /64, since one subscriber usually holds a
// whole /64 and could otherwise take a fresh address for every request.
export function addressKey(address: string): string {
  if (!ipaddr.isValid(address)) return address || 'unknown';
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().toString();
    const parts = v6.parts.slice(0, 4).map((p) => p.toString(16));
    return `${parts.join(':')}::/64`;
  }
  return parsed.toString();
}
