import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type SubgraphName, subgraphNames } from '../gateway/subgraphs.js';

// No Docker engine runs here or in CI, so this checks what the compose file promises: which
// images, which service talks to which, and that each container starts the right entry point.

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[] };
  ports?: string[];
  profiles?: string[];
}

const repository = new URL('../', import.meta.url);
const readRepositoryFile = (path: string) => readFileSync(new URL(path, repository), 'utf8');

// Compose resolves YAML merge keys (`<<: *anchor`); the yaml package does so only when asked.
const compose = parse(readRepositoryFile('docker-compose.yml'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const services = compose.services;
const dockerfile = readRepositoryFile('Dockerfile');

function service(name: string): ComposeService {
  const found = services[name];
  if (found === undefined) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
}

function environmentOf(name: string): Record<string, string> {
  const { environment = {} } = service(name);
  const entries = Array.isArray(environment)
    ? environment.map((line) => {
        const split = line.indexOf('=');
        return [line.slice(0, split), line.slice(split + 1)] as const;
      })
    : Object.entries(environment).map(([key, value]) => [key, String(value ?? '')] as const);
  return Object.fromEntries(entries);
}

function dependenciesOf(name: string): Record<string, string | undefined> {
  const { depends_on = {} } = service(name);
  if (Array.isArray(depends_on))
    return Object.fromEntries(depends_on.map((dependency) => [dependency, undefined]));
  return Object.fromEntries(
    Object.entries(depends_on).map(([dependency, { condition }]) => [dependency, condition]),
  );
}

function healthUrlOf(name: string): URL {
  const test = service(name).healthcheck?.test;
  const command = Array.isArray(test) ? test.join(' ') : (test ?? '');
  const url = /https?:\/\/[^\s'"`)]+/.exec(command)?.[0];
  if (url === undefined) throw new Error(`the healthcheck of "${name}" requests no URL: ${command}`);
  return new URL(url);
}

const portVariableOf = (subgraph: SubgraphName) => `${subgraph.toUpperCase()}_PORT`;
const urlVariableOf = (subgraph: SubgraphName) => `${subgraph.toUpperCase()}_URL`;
const entryPoints: Record<string, string> = {
  gateway: 'gateway/main.ts',
  'gateway-b': 'gateway/main.ts',
  'profile-b': 'subgraphs/profile/main.ts',
  ...Object.fromEntries(subgraphNames.map((subgraph) => [subgraph, `subgraphs/${subgraph}/main.ts`])),
};
const builtServices = Object.keys(services).filter((name) => service(name).build !== undefined);
const defaultServices = Object.keys(services).filter((name) => service(name).profiles === undefined);

describe('docker-compose.yml', () => {
  it('runs MongoDB 7 and Redis 7 from their official images', () => {
    expect(service('mongo').image).toBe('mongo:7');
    expect(service('redis').image).toBe('redis:7');
  });

  it('builds exactly one container per subgraph and one gateway by default, and nothing else', () => {
    expect(defaultServices.filter((name) => builtServices.includes(name)).toSorted()).toEqual(
      [...subgraphNames, 'gateway'].toSorted(),
    );
    expect(defaultServices.toSorted()).toEqual([...subgraphNames, 'gateway', 'mongo', 'redis'].toSorted());
  });

  it('adds a second profile instance and a second gateway in the multi-instance profile', () => {
    const multi = Object.keys(services).filter((name) => service(name).profiles?.includes('multi-instance'));
    expect(multi.toSorted()).toEqual(['gateway-b', 'profile-b']);
    expect(new URL(environmentOf('gateway-b').PROFILE_URL ?? '').hostname).toBe('profile-b');
    // The gateways need no Redis: each subscribes at its profile instance, which hears them all.
    for (const name of ['profile', 'profile-b', 'recommendation']) {
      expect(new URL(environmentOf(name).REDIS_URL ?? '').hostname).toBe('redis');
    }
    expect(service('gateway-b').ports).toEqual(['4100:4000']);
  });

  it.each(builtServices)('runs %s in production mode, listening on every interface', (name) => {
    expect(environmentOf(name)).toMatchObject({ NODE_ENV: 'production', HOST: '0.0.0.0' });
  });

  it.each(builtServices)('starts %s from its own main.ts, which exists in the repository', (name) => {
    const entryPoint = entryPoints[name];
    if (entryPoint === undefined) throw new Error(`no entry point is known for service "${name}"`);
    const { command } = service(name);
    const words = Array.isArray(command) ? command : (command ?? '').split(/\s+/);
    expect(words).toContain(entryPoint);
    expect(existsSync(fileURLToPath(new URL(entryPoint, repository)))).toBe(true);
  });

  describe.each(subgraphNames)('the %s subgraph', (subgraph) => {
    it('stores its data in the mongo service and waits until mongo is healthy', () => {
      const { MONGODB_URI, MONGODB_DB } = environmentOf(subgraph);
      const uri = new URL(MONGODB_URI ?? '');
      expect(uri.protocol).toBe('mongodb:');
      expect(uri.hostname).toBe('mongo');
      expect(MONGODB_DB).toBe('journeygraph');
      expect(dependenciesOf(subgraph)).toMatchObject({ mongo: 'service_healthy' });
    });

    it('is health-checked on the port its own port variable sets', () => {
      const port = environmentOf(subgraph)[portVariableOf(subgraph)];
      expect(port).toMatch(/^\d+$/);
      const health = healthUrlOf(subgraph);
      expect(health.port).toBe(port);
      expect(health.pathname).toBe('/health');
    });
  });

  it('gives every subgraph a port of its own', () => {
    const ports = subgraphNames.map((subgraph) => environmentOf(subgraph)[portVariableOf(subgraph)]);
    expect(new Set(ports).size).toBe(subgraphNames.length);
  });

  it.each(subgraphNames)("routes the gateway to the %s service's name and port", (subgraph) => {
    const url = new URL(environmentOf('gateway')[urlVariableOf(subgraph)] ?? '');
    expect(url.hostname).toBe(subgraph);
    expect(url.port).toBe(environmentOf(subgraph)[portVariableOf(subgraph)]);
    expect(url.pathname).toBe('/graphql');
  });

  it('gives the gateway and every subgraph the shared SUBGRAPH_SECRET, required from the environment', () => {
    for (const name of ['gateway', ...subgraphNames]) {
      expect(environmentOf(name).SUBGRAPH_SECRET).toMatch(/^\$\{SUBGRAPH_SECRET:\?/);
    }
  });

  it('gives the visitor token secret to the profile, which signs, and the gateway, which verifies', () => {
    for (const name of ['gateway', 'profile']) {
      expect(environmentOf(name).VISITOR_TOKEN_SECRET).toMatch(/^\$\{VISITOR_TOKEN_SECRET:\?/);
    }
  });

  it('starts the gateway only once all four subgraphs are healthy', () => {
    const dependencies = dependenciesOf('gateway');
    for (const subgraph of subgraphNames) expect(dependencies[subgraph]).toBe('service_healthy');
  });

  it('publishes the gateway on the port it listens on and is health-checked on', () => {
    const port = environmentOf('gateway').GATEWAY_PORT;
    expect(service('gateway').ports).toEqual([`${port}:${port}`]);
    expect(healthUrlOf('gateway').port).toBe(port);
  });
});

describe('Dockerfile', () => {
  const environment = [...dockerfile.matchAll(/^ENV\s+(.+)$/gm)].flatMap((match) =>
    (match[1] ?? '').trim().split(/\s+/),
  );

  it('disables Apollo telemetry, so the gateway makes no outbound connections', () => {
    expect(environment).toContain('APOLLO_TELEMETRY_DISABLED=true');
  });

  it('runs the gateway when no command is given', () => {
    expect(dockerfile).toMatch(/^CMD \[.*"gateway\/main\.ts"\]$/m);
  });
});
