/**
 * A fake 7SIGNAL Platform API on `node:http`, for tests, benchmarks and demo runs. It listens on
 * 127.0.0.1 at a random port and keeps its incidents in memory.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FailureQueue } from './failures.ts';
import { errorBody, rateLimitHeaders, type RouteContext, type RouteResponse } from './responses.ts';
import { createRouter } from './routes.ts';
import { AgentIncidentStore, AlertIncidentStore } from './state.ts';
import { TokenRegistry } from './tokens.ts';
import type { CannedResponse, FakeSevenSignal, FakeSevenSignalOptions, RecordedRequest } from './types.ts';

/** `expires_in` the real service sends: 24 hours. */
const DEFAULT_TOKEN_TTL_SECONDS = 86_400;
const DEFAULT_ORGANIZATION = 'default';

/** Starts the fake on 127.0.0.1 at a random port and resolves once it is listening. */
export async function startFakeSevenSignal(options: FakeSevenSignalOptions): Promise<FakeSevenSignal> {
  const tokenTtlSeconds = options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
  if (!Number.isInteger(tokenTtlSeconds) || tokenTtlSeconds < 1) {
    throw new Error(`Invalid tokenTtlSeconds ${tokenTtlSeconds}: expected a whole number of seconds of at least 1.`);
  }
  let latencyMs = validateDelay('latencyMs', options.latencyMs ?? 0);
  const now = options.now ?? Date.now;
  const defaultOrganization = options.defaultOrganization ?? DEFAULT_ORGANIZATION;

  const tokens = new TokenRegistry(tokenTtlSeconds);
  const agentIncidents = new AgentIncidentStore(defaultOrganization);
  const alertIncidents = new AlertIncidentStore(defaultOrganization);
  const failures = new FailureQueue();
  const requests: RecordedRequest[] = [];
  const route = createRouter({
    credentials: { clientId: options.clientId, clientSecret: options.clientSecret },
    tokens,
    agentIncidents,
    alertIncidents,
    defaultOrganization,
  });

  // Timers of responses still waiting on a delay, cleared by close() so it does not wait for them.
  const pendingDelays = new Set<NodeJS.Timeout>();
  const sleep = (ms: number): Promise<void> => {
    if (ms <= 0) {
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        pendingDelays.delete(timer);
        resolve();
      }, ms);
      pendingDelays.add(timer);
    });
  };

  const requestIdPrefix = randomBytes(4).toString('hex');
  let requestCount = 0;

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const at = now();
    const { path, query } = splitUrl(request.url ?? '/');
    const headers = flattenHeaders(request.headers);
    const body = await readBody(request);
    const record: RecordedRequest = {
      method: request.method ?? 'GET',
      path,
      query: firstValues(query),
      headers,
      body,
      status: 0,
      at,
    };
    requests.push(record);
    requestCount += 1;
    const requestId = `${requestIdPrefix}-${requestCount}`;

    // The canned response is taken on arrival, so queued failures go to requests in arrival order.
    const canned = failures.take(path);
    await sleep(latencyMs + (canned?.delayMs ?? 0));

    const context: RouteContext = { method: record.method, path, query, headers, body, now: now(), requestId };
    let routeResponse: RouteResponse;
    if (canned !== undefined) {
      routeResponse = toRouteResponse(canned, context);
    } else {
      try {
        routeResponse = route(context);
      } catch (error) {
        // A thrown error is a bug in the fake. The 500 body carries it to the test that hit it.
        const message = error instanceof Error ? error.message : String(error);
        console.error(`Fake 7SIGNAL API failed on ${record.method} ${path} (request ${requestId}):`, error);
        routeResponse = { status: 500, body: errorBody(500, `Fake 7SIGNAL API failed: ${message}`, context) };
      }
    }

    record.status = routeResponse.status;
    writeResponse(response, routeResponse);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      // Reached only when reading the request fails, for example when the client aborts it.
      response.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve, reject) => {
      for (const timer of pendingDelays) {
        clearTimeout(timer);
      }
      pendingDelays.clear();
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
    return closing;
  };

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get tokensIssued() {
      return tokens.issuedCount;
    },
    addAgentIncident: (incident, incidentOptions) => agentIncidents.add(incident, incidentOptions),
    updateAgentIncident: (id, patch) => agentIncidents.update(id, patch),
    removeAgentIncident: (id) => agentIncidents.remove(id),
    addAlertIncident: (incident, incidentOptions) => alertIncidents.add(incident, incidentOptions),
    updateAlertIncident: (id, patch) => alertIncidents.update(id, patch),
    getAlertIncident: (id) => {
      const stored = alertIncidents.get(id);
      return stored === undefined ? undefined : structuredClone(stored.incident);
    },
    expireTokens: () => tokens.expireAll(),
    failNext: (pathPrefix, canned, times = 1) => {
      if (canned.delayMs !== undefined) {
        validateDelay('delayMs', canned.delayMs);
      }
      failures.add(pathPrefix, canned, times);
    },
    setLatency: (ms) => {
      latencyMs = validateDelay('latency', ms);
    },
    close,
  };
}

function validateDelay(name: string, ms: number): number {
  if (!Number.isFinite(ms) || ms < 0) {
    throw new Error(`Invalid ${name} ${ms}: expected a finite number of milliseconds of at least 0.`);
  }
  return ms;
}

function toRouteResponse(canned: CannedResponse, context: RouteContext): RouteResponse {
  const body = canned.body === undefined ? errorBody(canned.status, 'Canned failure.', context) : canned.body;
  return canned.headers === undefined ? { status: canned.status, body } : { status: canned.status, body, headers: canned.headers };
}

function writeResponse(response: ServerResponse, routeResponse: RouteResponse): void {
  if (response.destroyed) {
    return;
  }
  const headers: Record<string, string> = { ...rateLimitHeaders(routeResponse.status) };
  let payload: string | undefined;
  if (typeof routeResponse.body === 'string') {
    headers['content-type'] = 'text/plain; charset=utf-8';
    payload = routeResponse.body;
  } else if (routeResponse.body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(routeResponse.body);
  }
  // Lower-cased so that a header given as `RateLimit-Remaining` replaces the default instead of repeating it.
  for (const [name, value] of Object.entries(routeResponse.headers ?? {})) {
    headers[name.toLowerCase()] = value;
  }
  response.writeHead(routeResponse.status, headers);
  response.end(payload);
}

/** Splits a request target into its path and query without resolving it against a base URL. */
function splitUrl(target: string): { path: string; query: URLSearchParams } {
  const mark = target.indexOf('?');
  if (mark < 0) {
    return { path: target, query: new URLSearchParams() };
  }
  return { path: target.slice(0, mark), query: new URLSearchParams(target.slice(mark + 1)) };
}

// Both build plain objects through Object.fromEntries, so keys such as `__proto__` stay own properties.
function firstValues(query: URLSearchParams): Record<string, string> {
  const values = new Map<string, string>();
  for (const [key, value] of query) {
    if (!values.has(key)) {
      values.set(key, value);
    }
  }
  return Object.fromEntries(values);
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]),
  );
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
