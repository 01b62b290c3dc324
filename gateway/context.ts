import type { IncomingMessage } from 'node:http';
import { signCallerAssertion } from '../shared/auth/caller-assertion.js';
import type { Caller } from '../shared/auth/caller.js';
import { authenticate } from './authenticate.js';
import type { GatewayConfig } from './config.js';
import { clientAddress } from './client-address.js';

export interface GatewayContext {
  caller: Caller;
  /** The signed caller every subgraph fetch of this request carries. */
  callerAssertion: string;
}

export async function contextForCaller(caller: Caller, config: GatewayConfig): Promise<GatewayContext> {
  return { caller, callerAssertion: await signCallerAssertion(caller, config.subgraphSecret) };
}

export async function contextForRequest(
  request: IncomingMessage,
  config: GatewayConfig,
  credential = request.headers.authorization,
): Promise<GatewayContext> {
  const caller = await authenticate(
    credential,
    config.apiKeys,
    config.visitorTokenSecret,
    clientAddress(request, config.trustedProxies),
  );
  return contextForCaller(caller, config);
}
