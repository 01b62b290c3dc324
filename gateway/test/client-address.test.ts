import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress } from '../client-address.js';

function request(peer: string, forwardedFor?: string): IncomingMessage {
  return {
    socket: { remoteAddress: peer },
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  } as unknown as IncomingMessage;
}

const balancer = new Set(['10.0.0.2', '10.0.0.3']);

describe('the client address for rate limits', () => {
  it('is the peer when no proxy is trusted, whatever X-Forwarded-For claims', () => {
    expect(clientAddress(request('198.51.100.4', '203.0.113.9'), new Set())).toBe('198.51.100.4');
  });

  it('is the right-most untrusted X-Forwarded-For entry behind a trusted proxy', () => {
    expect(clientAddress(request('10.0.0.2', '203.0.113.9'), balancer)).toBe('203.0.113.9');
    // A client that writes its own header gains nothing: the proxy appends the real peer.
    expect(clientAddress(request('10.0.0.2', '1.2.3.4, 203.0.113.9'), balancer)).toBe('203.0.113.9');
    // Two trusted hops.
    expect(clientAddress(request('10.0.0.2', '203.0.113.9, 10.0.0.3'), balancer)).toBe('203.0.113.9');
  });

  it('is the peer when a trusted proxy sends no X-Forwarded-For', () => {
    expect(clientAddress(request('10.0.0.2'), balancer)).toBe('10.0.0.2');
  });

  it('reads IPv4 peers on IPv6 sockets as IPv4', () => {
    expect(clientAddress(request('::ffff:10.0.0.2', '203.0.113.9'), balancer)).toBe('203.0.113.9');
    expect(clientAddress(request('::ffff:198.51.100.4'), balancer)).toBe('198.51.100.4');
  });
});
