import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAgentIncidents } from '../../src/sevensignal/agent-incidents.ts';
import { createSevenSignalClient, type SevenSignalClient } from '../../src/sevensignal/client.ts';
import type { RetryPolicy } from '../../src/sevensignal/retry-policy.ts';
import { CLIENT_ID, CLIENT_SECRET, startHarness, type Harness } from '../support/bot-harness.ts';

let harness: Harness;

beforeEach(async () => {
  harness = await startHarness();
});

afterEach(async () => {
  await harness.close();
});

const FAST_RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 2000 };

function client(options: { baseUrl?: string; timeoutMs?: number; retry?: RetryPolicy } = {}): SevenSignalClient {
  return createSevenSignalClient({
    baseUrl: options.baseUrl ?? harness.sevenSignal.url,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    timeoutMs: options.timeoutMs ?? 2000,
    logger: harness.logger,
    now: harness.clock.now,
    retry: options.retry ?? FAST_RETRY,
  });
}

const window = () => ({ from: harness.clock.value - 3_600_000, to: harness.clock.value });

function listings() {
  return harness.sevenSignal.requests.filter((request) => request.path === '/incidents/agents');
}

describe('transport retries', () => {
  it('retries server errors then succeeds', async () => {
    harness.sevenSignal.failNext('/incidents/agents', { status: 503 }, 2);
    await expect(listAgentIncidents(client().api, window())).resolves.toEqual([]);
    expect(listings().map((request) => request.status)).toEqual([503, 503, 200]);
    expect(harness.logs.find('7SIGNAL request failed; retrying')).toHaveLength(2);
  });

  it('gives up after the last attempt', async () => {
    harness.sevenSignal.failNext('/incidents/agents', { status: 500 }, 5);
    await expect(listAgentIncidents(client().api, window())).rejects.toMatchObject({ code: 'server_error', status: 500 });
    expect(listings()).toHaveLength(3);
  });

  it('does not retry a bad request', async () => {
    harness.sevenSignal.failNext('/incidents/agents', { status: 400 });
    await expect(listAgentIncidents(client().api, window())).rejects.toMatchObject({ code: 'bad_request' });
    expect(listings()).toHaveLength(1);
  });

  it('waits as the rate-limit headers say', async () => {
    harness.sevenSignal.failNext('/incidents/agents', {
      status: 429,
      headers: { 'ratelimit-remaining': '0', 'ratelimit-replenish-rate': '4', 'ratelimit-requested-tokens': '1' },
    });
    const started = performance.now();
    await listAgentIncidents(client().api, window());
    // One token at 4 per second refills in 250 ms.
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);
    expect(listings().map((request) => request.status)).toEqual([429, 200]);
  });

  it('paces requests when the bucket is empty', async () => {
    harness.sevenSignal.failNext('/incidents/agents', {
      status: 200,
      body: { range: {}, results: [] },
      headers: { 'ratelimit-remaining': '0', 'ratelimit-replenish-rate': '5' },
    });
    const api = client().api;
    await listAgentIncidents(api, window());
    const started = performance.now();
    await listAgentIncidents(api, window());
    // The bucket was empty, so the second request waits for one token at 5 per second.
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('times out a slow answer', async () => {
    harness.sevenSignal.setLatency(400);
    await expect(listAgentIncidents(client({ timeoutMs: 100, retry: { ...FAST_RETRY, maxAttempts: 2 } }).api, window())).rejects.toMatchObject({
      code: 'timeout',
      message: expect.stringContaining('did not respond within 100 ms'),
    });
  });

  it('reports a refused connection', async () => {
    await expect(listAgentIncidents(client({ baseUrl: 'http://127.0.0.1:9' }).api, window())).rejects.toMatchObject({
      code: 'network',
      message: expect.stringContaining('could not be reached'),
    });
  });

  it('stops retrying when the caller gives up', async () => {
    harness.sevenSignal.failNext('/incidents/agents', { status: 503 }, 5);
    const api = client({ retry: { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 5000 } }).api;
    const started = performance.now();
    const call = api.GET('/incidents/agents', { params: { query: window() }, signal: AbortSignal.timeout(300) });
    await expect(call).rejects.toMatchObject({ code: 'timeout' });
    expect(performance.now() - started).toBeLessThan(1500);
  });
});

describe('answers outside the contract', () => {
  it('retries a body that is not json', async () => {
    harness.sevenSignal.failNext('/incidents/agents', { status: 200, body: '<html>proxy error</html>' }, 2);
    await expect(listAgentIncidents(client().api, window())).resolves.toEqual([]);
    expect(listings()).toHaveLength(3);
  });

  it('fails after repeated wrong shapes', async () => {
    harness.sevenSignal.failNext('/incidents/agents', { status: 200, body: { unexpected: true } }, 3);
    await expect(listAgentIncidents(client().api, window())).rejects.toMatchObject({
      code: 'invalid_response',
      message: expect.stringContaining('returned no results list'),
    });
    expect(listings()).toHaveLength(3);
  });
});

describe('unreachable api', () => {
  it('does not multiply token retries', async () => {
    const started = performance.now();
    await expect(listAgentIncidents(client({ baseUrl: 'http://127.0.0.1:9' }).api, window())).rejects.toMatchObject({ code: 'network' });
    // Three attempts of the token exchange, none of the listing itself: two backoffs of 20 and 40 ms.
    expect(performance.now() - started).toBeLessThan(1000);
    const retried = harness.logs.find('7SIGNAL request failed; retrying');
    expect(retried).toHaveLength(2);
    expect(retried.every((record) => String(record.path).startsWith('/oauth2/token'))).toBe(true);
  });
});
