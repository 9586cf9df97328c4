import { describe, expect, it } from 'vitest';
import { addressKey, clientAddress } from './client-address';

const req = (remote: string | undefined, xff?: string | string[]) => ({
  socket: remote === undefined ? null : { remoteAddress: remote },
  headers: xff === undefined ? {} : { 'x-forwarded-for': xff },
});

describe('clientAddress', () => {
  it('ignores X-Forwarded-For when no proxy is trusted', () => {
    expect(clientAddress(req('10.0.0.9', '1.2.3.4'), 0)).toBe('10.0.0.9');
    expect(clientAddress(req('10.0.0.9', ['1.2.3.4', '5.6.7.8']), 0)).toBe('10.0.0.9');
    expect(clientAddress(req('::ffff:127.0.0.2', '9.9.9.9'), 0)).toBe('::ffff:127.0.0.2');
  });

  it('with N trusted hops takes the Nth entry from the right after appending the peer (Express\'s rule)', () => {
    // A client forging "1.1.1.1" in front of what the proxy appended.
    expect(clientAddress(req('10.0.0.1', '1.1.1.1, 203.0.113.7'), 1)).toBe('203.0.113.7');
    expect(clientAddress(req('10.0.0.1', '1.1.1.1, 203.0.113.7, 10.0.0.2'), 2)).toBe('203.0.113.7');
    expect(clientAddress(req('10.0.0.1', '1.1.1.1, 203.0.113.7, 10.0.0.2'), 1)).toBe('10.0.0.2');
    // Fewer entries than hops: the leftmost one there is.
    expect(clientAddress(req('10.0.0.1', '203.0.113.7'), 3)).toBe('203.0.113.7');
    expect(clientAddress(req('10.0.0.1'), 1)).toBe('10.0.0.1');
  });

  it('a request without a peer address counts as unknown', () => {
    expect(clientAddress(req(undefined, '1.2.3.4'), 1)).toBe('unknown');
  });
});

describe('addressKey', () => {
  it('keys IPv4, mapped IPv4 and IPv6 /64s', () => {
    expect(addressKey('127.0.0.2')).toBe('127.0.0.2');
    expect(addressKey('::ffff:127.0.0.2')).toBe('127.0.0.2');
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2:bbbb::9')).toBe(addressKey('2001:db8:1:2:aaaa::1'));
    expect(addressKey('2001:db8:1:3::1')).not.toBe(addressKey('2001:db8:1:2::1'));
    expect(addressKey('unknown')).toBe('unknown');
  });
});
