// Who may read what the sandbox's health says of its host (engine and kernel
// versions, runtime, bridges, session counts): the operator, by
// LAYERLAB_OPERATOR_TOKEN, or by connecting from the loopback address itself
// when LAYERLAB_OPERATOR_LOOPBACK is on. The address is the connection's, never
// a header's; 127.0.0.2 and the rest of 127/8 do not count (any local process
// may bind them, and a proxy on the host may use them).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Settings } from '../../lib/settings';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

const digest = (s: string) => createHash('sha256').update(s).digest();

export function isOperator(req: IncomingMessage, settings: Pick<Settings, 'operatorToken' | 'operatorLoopback'>): boolean {
  if (settings.operatorToken) {
    const m = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? ''));
    // Digests first: equal lengths for timingSafeEqual, and no timing on the token's length.
    if (m && timingSafeEqual(digest(m[1]), digest(settings.operatorToken))) return true;
  }
  return settings.operatorLoopback && LOOPBACK.has(req.socket.remoteAddress ?? '');
}
