import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import type { Caller } from './caller.js';
import { signCallerAssertion, verifyCallerAssertion } from './caller-assertion.js';

const secret = () => new TextEncoder().encode('a-subgraph-secret-of-this-test-0123456789');
const alice: Caller = { kind: 'visitor', visitorId: 'alice', address: '203.0.113.7' };
const tool: Caller = { kind: 'service', name: 'crm', scopes: ['visitors:read'], address: null };
const minute = 60_000;
const t0 = Date.parse('2026-11-23T10:00:00Z');

describe('caller assertions', () => {
  it('hands one caller the same assertion for a minute, and a new one after', async () => {
    const key = secret();
    const first = await signCallerAssertion(alice, key, t0);
    expect(await signCallerAssertion(alice, key, t0 + minute - 1)).toBe(first);
    expect(await signCallerAssertion(alice, key, t0 + minute)).not.toBe(first);
  });

  it('signs each caller for itself', async () => {
    const key = secret();
    const forAlice = await signCallerAssertion(alice, key, t0);
    const forTool = await signCallerAssertion(tool, key, t0);
    expect(forTool).not.toBe(forAlice);
    expect(await verifyCallerAssertion(forAlice, key, t0)).toEqual(alice);
    expect(await verifyCallerAssertion(forTool, key, t0)).toEqual(tool);
  });

  it('hands out only assertions with at least four of their five minutes left', async () => {
    const key = secret();
    const reused = await signCallerAssertion(alice, key, t0);
    const handedOutAt = t0 + minute - 1;
    expect(await signCallerAssertion(alice, key, handedOutAt)).toBe(reused);
    expect(await verifyCallerAssertion(reused, key, handedOutAt + 4 * minute)).toEqual(alice);
  });

  it('refuses an assertion once it has expired, though it was verified before', async () => {
    const key = secret();
    const assertion = await signCallerAssertion(alice, key, t0);
    expect(await verifyCallerAssertion(assertion, key, t0 + 5 * minute - 1_000)).toEqual(alice);
    await expect(verifyCallerAssertion(assertion, key, t0 + 5 * minute)).rejects.toThrow(
      'the gateway credentials of this request are not valid',
    );
  });

  it('refuses under another secret an assertion it verified under its own', async () => {
    const key = secret();
    const assertion = await signCallerAssertion(alice, key, t0);
    expect(await verifyCallerAssertion(assertion, key, t0)).toEqual(alice);
    const otherKey = new TextEncoder().encode('another-subgraph-secret-of-this-test-0123');
    await expect(verifyCallerAssertion(assertion, otherKey, t0)).rejects.toThrow(
      'the gateway credentials of this request are not valid',
    );
  });

  it('refuses an assertion without an expiry, even with the right signature', async () => {
    const key = secret();
    const endless = await new SignJWT({ caller: alice })
      .setProtectedHeader({ alg: 'HS256' })
      .setAudience('journeygraph-subgraph')
      .setIssuedAt(Math.floor(t0 / 1_000))
      .sign(key);
    await expect(verifyCallerAssertion(endless, key, t0)).rejects.toThrow(
      'the gateway credentials of this request are not valid',
    );
  });

  it('refuses a request without an assertion as not coming through the gateway', async () => {
    await expect(verifyCallerAssertion(undefined, secret(), t0)).rejects.toThrow(
      'subgraphs answer only requests that come through the gateway',
    );
  });
});
