import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  AgentIncidentDetail,
  AgentIncidentList,
  AlertIncident,
  AlertIncidentPage,
  ApiErrorBody,
  TokenErrorResponse,
} from '../../src/sevensignal/types.ts';
import {
  makeAgentIncident,
  makeAlertIncident,
  startFakeSevenSignal,
  type FakeSevenSignal,
} from '../../src/simulator/sevensignal/index.ts';

const CLIENT_ID = 'test-client';
const CLIENT_SECRET = 'test-secret';
const START = Date.parse('2026-08-17T09:00:00.000Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

let clock: number;
let fake: FakeSevenSignal;

beforeEach(async () => {
  clock = START;
  fake = await startFakeSevenSignal({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    tokenTtlSeconds: 3600,
    now: () => clock,
  });
});

afterEach(async () => {
  await fake.close();
});

function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

async function requestToken(form: Record<string, string>, contentType = 'application/x-www-form-urlencoded'): Promise<Response> {
  return fetch(`${fake.url}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: new URLSearchParams(form).toString(),
  });
}

async function fetchToken(): Promise<string> {
  const response = await requestToken({ grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { access_token: string };
  return body.access_token;
}

async function get(path: string, token: string): Promise<Response> {
  return fetch(`${fake.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
}

async function post(path: string, token: string): Promise<Response> {
  return fetch(`${fake.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
}

async function listAgentIds(query: string, token: string): Promise<string[]> {
  const response = await get(`/incidents/agents${query}`, token);
  expect(response.status).toBe(200);
  const body = (await response.json()) as AgentIncidentList;
  return (body.results ?? []).map((incident) => incident.id ?? '');
}

describe('token endpoint', () => {
  it('token issues bearer token', async () => {
    const response = await requestToken({ grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: CLIENT_SECRET });

    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(typeof body['access_token']).toBe('string');
    expect((body['access_token'] as string).length).toBeGreaterThan(20);
    expect(body['token_type']).toBe('Bearer');
    expect(body['expires_in']).toBe(3600);
    expect(body['scope']).toBe('read');
    expect(fake.tokensIssued).toBe(1);
  });

  it('token values are distinct', async () => {
    const first = await fetchToken();
    const second = await fetchToken();

    expect(first).not.toBe(second);
    expect(fake.tokensIssued).toBe(2);
  });

  it('token default ttl is one day', async () => {
    const other = await startFakeSevenSignal({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
    try {
      const response = await fetch(`${other.url}/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `grant_type=client_credentials&client_id=${CLIENT_ID}&client_secret=${CLIENT_SECRET}`,
      });
      const body = (await response.json()) as { expires_in: number };
      expect(body.expires_in).toBe(86_400);
    } finally {
      await other.close();
    }
  });

  it('token wrong secret is invalid_client', async () => {
    const response = await requestToken({ grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: 'wrong' });

    expect(response.status).toBe(400);
    const body = (await response.json()) as TokenErrorResponse;
    expect(body.error).toBe('invalid_client');
    expect(body.error_description).toBeTruthy();
    expect(fake.tokensIssued).toBe(0);
  });

  it('token wrong client id is invalid_client', async () => {
    const response = await requestToken({ grant_type: 'client_credentials', client_id: 'other', client_secret: CLIENT_SECRET });

    expect(response.status).toBe(400);
    expect(((await response.json()) as TokenErrorResponse).error).toBe('invalid_client');
  });

  it('token json body is invalid_request', async () => {
    const response = await fetch(`${fake.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: CLIENT_SECRET }),
    });

    expect(response.status).toBe(400);
    expect(((await response.json()) as TokenErrorResponse).error).toBe('invalid_request');
  });

  it('token missing secret is invalid_request', async () => {
    const response = await requestToken({ grant_type: 'client_credentials', client_id: CLIENT_ID });

    expect(response.status).toBe(400);
    expect(((await response.json()) as TokenErrorResponse).error).toBe('invalid_request');
  });

  it('token other grant is unsupported_grant_type', async () => {
    const response = await requestToken({ grant_type: 'password', client_id: CLIENT_ID, client_secret: CLIENT_SECRET });

    expect(response.status).toBe(400);
    expect(((await response.json()) as TokenErrorResponse).error).toBe('unsupported_grant_type');
  });

  it('token expires by injected clock', async () => {
    const token = await fetchToken();
    clock += 3600 * 1000 - 1;
    expect((await get('/incidents/agents', token)).status).toBe(200);

    clock += 1;
    const response = await get('/incidents/agents', token);

    expect(response.status).toBe(401);
    expect(((await response.json()) as ApiErrorBody).message).toMatch(/expired/);
  });

  it('expireTokens invalidates issued tokens', async () => {
    const token = await fetchToken();
    fake.expireTokens();

    expect((await get('/incidents/agents', token)).status).toBe(401);
    const fresh = await fetchToken();
    expect((await get('/incidents/agents', fresh)).status).toBe(200);
  });

  it('token get is method not allowed', async () => {
    const response = await fetch(`${fake.url}/oauth2/token`);

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });
});

describe('authentication', () => {
  it('request without token is 401', async () => {
    const response = await fetch(`${fake.url}/incidents/agents`);

    expect(response.status).toBe(401);
    const body = (await response.json()) as ApiErrorBody;
    expect(body.status).toBe(401);
    expect(body.error).toBe('Unauthorized');
    expect(body.path).toBe('/incidents/agents');
    expect(body.requestId).toBeTruthy();
    expect(body.message).toBeTruthy();
    expect(body.timestamp).toBe(iso(START));
  });

  it('request with unknown token is 401', async () => {
    expect((await get('/alerting/incidents', 'made-up-token')).status).toBe(401);
  });

  it('unknown route without token is 401', async () => {
    expect((await fetch(`${fake.url}/no/such/route`)).status).toBe(401);
  });
});

describe('common behaviour', () => {
  it('every response carries rate-limit headers', async () => {
    const token = await fetchToken();
    const responses = [
      await requestToken({ grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: 'wrong' }),
      await get('/incidents/agents', token),
      await fetch(`${fake.url}/incidents/agents`),
      await get('/no/such/route', token),
    ];

    for (const response of responses) {
      expect(response.headers.get('ratelimit-remaining')).toBe('14');
      expect(response.headers.get('ratelimit-burst-capacity')).toBe('15');
      expect(response.headers.get('ratelimit-replenish-rate')).toBe('5');
      expect(response.headers.get('ratelimit-requested-tokens')).toBe('1');
    }
  });

  it('unknown route is 404 with error body', async () => {
    const token = await fetchToken();
    const response = await get('/no/such/route', token);

    expect(response.status).toBe(404);
    const body = (await response.json()) as ApiErrorBody;
    expect(body.status).toBe(404);
    expect(body.error).toBe('Not Found');
    expect(body.path).toBe('/no/such/route');
    expect(body.requestId).toBeTruthy();
  });

  it('requests are recorded in order', async () => {
    const token = await fetchToken();
    await get('/incidents/agents?from=1&to=2&from=3', token);
    await fetch(`${fake.url}/alerting/incidents`);

    expect(fake.requests.map((request) => [request.method, request.path, request.status])).toEqual([
      ['POST', '/oauth2/token', 200],
      ['GET', '/incidents/agents', 200],
      ['GET', '/alerting/incidents', 401],
    ]);
    expect(fake.requests[0]?.body).toContain('grant_type=client_credentials');
    expect(fake.requests[1]?.query).toEqual({ from: '1', to: '2' });
    expect(fake.requests[1]?.headers['authorization']).toBe(`Bearer ${token}`);
    expect(fake.requests[1]?.at).toBe(START);
  });

  it('latency delays responses', async () => {
    const token = await fetchToken();
    fake.setLatency(80);

    const started = performance.now();
    await get('/incidents/agents', token);
    const elapsed = performance.now() - started;

    expect(elapsed).toBeGreaterThanOrEqual(75);
  });

  it('close drops delayed responses', async () => {
    const token = await fetchToken();
    fake.setLatency(60_000);
    const pending = get('/incidents/agents', token).then(
      () => 'responded',
      () => 'failed',
    );

    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    await fake.close();

    expect(performance.now() - started).toBeLessThan(1000);
    expect(await pending).toBe('failed');
  });
});

describe('agent incident listing', () => {
  it('listing overlaps window', async () => {
    const token = await fetchToken();
    const from = START - 6 * HOUR;
    const to = START;
    const endedBefore = makeAgentIncident({ startTimestamp: iso(from - 3 * HOUR), endTimestamp: iso(from - 1) });
    const endedAtFrom = makeAgentIncident({ startTimestamp: iso(from - 3 * HOUR), endTimestamp: iso(from) });
    const ongoingFromBefore = makeAgentIncident({ startTimestamp: iso(from - 2 * DAY) });
    const endedInside = makeAgentIncident({ startTimestamp: iso(from + HOUR), endTimestamp: iso(from + 2 * HOUR) });
    const emptyEnd = makeAgentIncident({ startTimestamp: iso(from - HOUR), endTimestamp: '' });
    const startsAfter = makeAgentIncident({ startTimestamp: iso(to + 1) });
    for (const incident of [endedBefore, endedAtFrom, ongoingFromBefore, endedInside, emptyEnd, startsAfter]) {
      fake.addAgentIncident(incident, { listedFrom: START - 10 * DAY });
    }

    const ids = await listAgentIds(`?from=${from}&to=${to}`, token);

    expect(ids).not.toContain(endedBefore.id);
    expect(ids).toContain(endedAtFrom.id);
    expect(ids).toContain(ongoingFromBefore.id);
    expect(ids).toContain(endedInside.id);
    expect(ids).toContain(emptyEnd.id);
    expect(ids).not.toContain(startsAfter.id);
    expect(ids).toHaveLength(4);
  });

  it('listing range describes window', async () => {
    const token = await fetchToken();
    fake.addAgentIncident(makeAgentIncident({ startTimestamp: iso(START - HOUR) }));

    const response = await get(`/incidents/agents?from=${START - 2 * HOUR}&to=${START}`, token);
    const body = (await response.json()) as AgentIncidentList;

    expect(body.range).toEqual({
      from: START - 2 * HOUR,
      to: START,
      fromAsDateString: '2026-08-17T07:00:00.000Z[UTC]',
      toAsDateString: '2026-08-17T09:00:00.000Z[UTC]',
      total: 1,
      duration: 2 * HOUR,
      durationAsString: '7200 seconds',
    });
  });

  it('listing defaults to last day', async () => {
    const token = await fetchToken();
    const recent = makeAgentIncident({ startTimestamp: iso(START - 23 * HOUR), endTimestamp: iso(START - 22 * HOUR) });
    const old = makeAgentIncident({ startTimestamp: iso(START - 26 * HOUR), endTimestamp: iso(START - 25 * HOUR) });
    fake.addAgentIncident(recent);
    fake.addAgentIncident(old);

    const response = await get('/incidents/agents', token);
    const body = (await response.json()) as AgentIncidentList;

    expect(body.range?.from).toBe(START - DAY);
    expect(body.range?.to).toBe(START);
    expect(body.results?.map((incident) => incident.id)).toEqual([recent.id]);
  });

  it('listing keeps nested thresholds', async () => {
    const token = await fetchToken();
    const incident = makeAgentIncident({ startTimestamp: iso(START - HOUR) });
    fake.addAgentIncident(incident);

    const body = (await (await get('/incidents/agents', token)).json()) as AgentIncidentList;

    expect(body.results?.[0]).toEqual(incident);
    expect(body.results?.[0]?.thresholds?.minIncidentDurationMinutes).toBe(15);
  });

  it('listing window over 30 days is 400', async () => {
    const token = await fetchToken();
    const from = START - 30 * DAY - 1;
    const response = await get(`/incidents/agents?from=${from}&to=${START}`, token);

    expect(response.status).toBe(400);
    const body = (await response.json()) as ApiErrorBody;
    expect(body.status).toBe(400);
    expect(body.error).toBe('Bad Request');
    expect(body.message).toContain('30 days');
    expect(body.path).toBe('/incidents/agents');
    expect(body.requestId).toBeTruthy();
    expect(body.timestamp).toBe(iso(START));
  });

  it('listing window of 30 days is accepted', async () => {
    const token = await fetchToken();
    const response = await get(`/incidents/agents?from=${START - 30 * DAY}&to=${START}`, token);

    expect(response.status).toBe(200);
  });

  it('listing from after to is 400', async () => {
    const token = await fetchToken();
    const response = await get(`/incidents/agents?from=${START}&to=${START - 1}`, token);

    expect(response.status).toBe(400);
  });

  it('listing non-integer from is 400', async () => {
    const token = await fetchToken();

    for (const value of ['yesterday', '1.5', '2026-08-17T09:00:00Z']) {
      const response = await get(`/incidents/agents?from=${encodeURIComponent(value)}&to=${START}`, token);
      expect(response.status, value).toBe(400);
      expect(((await response.json()) as ApiErrorBody).message, value).toContain('from');
    }
  });

  it('listing invalid order is 400', async () => {
    const token = await fetchToken();

    expect((await get('/incidents/agents?order=newest', token)).status).toBe(400);
  });

  it('listedFrom hides unqualified incident', async () => {
    const token = await fetchToken();
    const incident = makeAgentIncident({ startTimestamp: iso(START - 2 * HOUR) });
    fake.addAgentIncident(incident, { listedFrom: START + 30 * MINUTE });

    expect(await listAgentIds('', token)).toEqual([]);
    expect((await get(`/incidents/agents/${incident.id}`, token)).status).toBe(404);

    clock = START + 30 * MINUTE;
    expect(await listAgentIds('', token)).toEqual([incident.id]);
  });

  it('listedFrom defaults to qualification time', async () => {
    const token = await fetchToken();
    const incident = makeAgentIncident({
      startTimestamp: iso(START - 10 * MINUTE),
      timestampDeterminedToBeIncident: iso(START + 5 * MINUTE),
    });
    fake.addAgentIncident(incident);

    expect(await listAgentIds('', token)).toEqual([]);
    clock = START + 5 * MINUTE;
    expect(await listAgentIds('', token)).toEqual([incident.id]);
  });

  it('listedFrom follows updated qualification time', async () => {
    const token = await fetchToken();
    const incident = makeAgentIncident({
      startTimestamp: iso(START - 10 * MINUTE),
      timestampDeterminedToBeIncident: iso(START + 5 * MINUTE),
    });
    fake.addAgentIncident(incident);

    fake.updateAgentIncident(incident.id ?? '', { timestampDeterminedToBeIncident: iso(START - MINUTE) });

    expect(await listAgentIds('', token)).toEqual([incident.id]);
  });

  it('listing filters by location_id', async () => {
    const token = await fetchToken();
    const floor2 = makeAgentIncident({ startTimestamp: iso(START - HOUR), location: '11111111-1111-4111-8111-111111111111' });
    const lobby = makeAgentIncident({ startTimestamp: iso(START - HOUR), location: '22222222-2222-4222-8222-222222222222' });
    fake.addAgentIncident(floor2);
    fake.addAgentIncident(lobby);

    expect(await listAgentIds(`?location_id=${floor2.location}`, token)).toEqual([floor2.id]);
  });

  it('listing ignores misspelt locationId', async () => {
    const token = await fetchToken();
    const floor2 = makeAgentIncident({ startTimestamp: iso(START - HOUR), location: '11111111-1111-4111-8111-111111111111' });
    const lobby = makeAgentIncident({ startTimestamp: iso(START - 2 * HOUR), location: '22222222-2222-4222-8222-222222222222' });
    fake.addAgentIncident(floor2);
    fake.addAgentIncident(lobby);

    const response = await get(`/incidents/agents?locationId=${floor2.location}`, token);

    expect(response.status).toBe(200);
    const ids = ((await response.json()) as AgentIncidentList).results?.map((incident) => incident.id);
    expect(ids).toEqual([floor2.id, lobby.id]);
  });

  it('listing filters by organization', async () => {
    const token = await fetchToken();
    const own = makeAgentIncident({ startTimestamp: iso(START - HOUR) });
    const other = makeAgentIncident({ startTimestamp: iso(START - HOUR) });
    fake.addAgentIncident(own);
    fake.addAgentIncident(other, { organization: 'org-b' });

    expect(await listAgentIds('', token)).toEqual([own.id]);
    expect(await listAgentIds('?organization=org-b', token)).toEqual([other.id]);
  });

  it('listing orders by start', async () => {
    const token = await fetchToken();
    const early = makeAgentIncident({ startTimestamp: iso(START - 3 * HOUR) });
    const late = makeAgentIncident({ startTimestamp: iso(START - HOUR) });
    const middle = makeAgentIncident({ startTimestamp: iso(START - 2 * HOUR) });
    for (const incident of [early, late, middle]) {
      fake.addAgentIncident(incident);
    }

    expect(await listAgentIds('', token)).toEqual([late.id, middle.id, early.id]);
    expect(await listAgentIds('?order=asc', token)).toEqual([early.id, middle.id, late.id]);
  });

  it('removed incident is not listed', async () => {
    const token = await fetchToken();
    const incident = makeAgentIncident({ startTimestamp: iso(START - HOUR) });
    fake.addAgentIncident(incident);

    fake.removeAgentIncident(incident.id ?? '');

    expect(await listAgentIds('', token)).toEqual([]);
  });

  it('updated end moves incident out of window', async () => {
    const token = await fetchToken();
    const incident = makeAgentIncident({ startTimestamp: iso(START - 3 * HOUR) });
    fake.addAgentIncident(incident);

    fake.updateAgentIncident(incident.id ?? '', { endTimestamp: iso(START - 2 * HOUR) });

    expect(await listAgentIds(`?from=${START - HOUR}&to=${START}`, token)).toEqual([]);
    expect(await listAgentIds(`?from=${START - 2 * HOUR}&to=${START}`, token)).toEqual([incident.id]);
  });

  it('store rejects incident without start', () => {
    expect(() => fake.addAgentIncident({ ...makeAgentIncident(), startTimestamp: 'soon' })).toThrow(/startTimestamp/);
  });

  it('store rejects duplicate id', () => {
    const incident = makeAgentIncident();
    fake.addAgentIncident(incident);

    expect(() => fake.addAgentIncident(incident)).toThrow(/already exists/);
  });
});

describe('agent incident fetch', () => {
  it('fetch flattens thresholds', async () => {
    const token = await fetchToken();
    const incident = makeAgentIncident({ startTimestamp: iso(START - HOUR) });
    fake.addAgentIncident(incident);

    const response = await get(`/incidents/agents/${incident.id}`, token);

    expect(response.status).toBe(200);
    const body = (await response.json()) as AgentIncidentDetail & { thresholds?: unknown };
    expect(body.id).toBe(incident.id);
    expect(body.thresholds).toBeUndefined();
    expect(body.warningThreshold).toBe(incident.thresholds?.warningThreshold);
    expect(body.criticalThreshold).toBe(incident.thresholds?.criticalThreshold);
    expect(body.minIncidentDurationMinutes).toBe(incident.thresholds?.minIncidentDurationMinutes);
    expect(body.locationName).toBe(incident.locationName);
  });

  it('fetch unknown incident is 404', async () => {
    const token = await fetchToken();
    const response = await get('/incidents/agents/00000000-0000-4000-8000-000000000000', token);

    expect(response.status).toBe(404);
    const body = (await response.json()) as ApiErrorBody;
    expect(body.status).toBe(404);
    expect(body.requestId).toBeTruthy();
  });
});

describe('alert incidents', () => {
  function addAlerts(count: number): AlertIncident[] {
    const incidents: AlertIncident[] = [];
    for (let index = 0; index < count; index += 1) {
      const incident = makeAlertIncident({ startedAt: START - index * MINUTE });
      fake.addAlertIncident(incident);
      incidents.push(incident);
    }
    return incidents;
  }

  async function listAlerts(query: string, token: string): Promise<AlertIncidentPage> {
    const response = await get(`/alerting/incidents${query}`, token);
    expect(response.status).toBe(200);
    return (await response.json()) as AlertIncidentPage;
  }

  it('alert listing pages through results', async () => {
    const token = await fetchToken();
    const incidents = addAlerts(25);

    const first = await listAlerts('', token);
    const second = await listAlerts('?page=2', token);

    expect(first.pagination).toEqual({ perPage: 20, page: 1, total: 25, pages: 2 });
    expect(second.pagination).toEqual({ perPage: 20, page: 2, total: 25, pages: 2 });
    expect(first.results.map((incident) => incident.id)).toEqual(incidents.slice(0, 20).map((incident) => incident.id));
    expect(second.results.map((incident) => incident.id)).toEqual(incidents.slice(20).map((incident) => incident.id));
  });

  it('alert listing sorts by start descending', async () => {
    const token = await fetchToken();
    const older = makeAlertIncident({ startedAt: START - HOUR });
    const newer = makeAlertIncident({ startedAt: START - MINUTE });
    fake.addAlertIncident(older);
    fake.addAlertIncident(newer);

    const page = await listAlerts('', token);

    expect(page.results.map((incident) => incident.id)).toEqual([newer.id, older.id]);
  });

  it('alert listing caps perPage at 100', async () => {
    const token = await fetchToken();
    addAlerts(3);

    const page = await listAlerts('?perPage=500', token);

    expect(page.pagination.perPage).toBe(100);
    expect(page.results).toHaveLength(3);
  });

  it('alert listing page zero is 400', async () => {
    const token = await fetchToken();

    expect((await get('/alerting/incidents?page=0', token)).status).toBe(400);
  });

  it('alert listing filters by status', async () => {
    const token = await fetchToken();
    const active = makeAlertIncident({ startedAt: START - HOUR });
    const resolved = makeAlertIncident({ startedAt: START - 2 * HOUR, resolvedAt: START - HOUR, resolutionReason: 'cleared' });
    fake.addAlertIncident(active);
    fake.addAlertIncident(resolved);

    expect((await listAlerts('?status=active', token)).results.map((incident) => incident.id)).toEqual([active.id]);
    expect((await listAlerts('?status=resolved', token)).results.map((incident) => incident.id)).toEqual([resolved.id]);
    expect((await get('/alerting/incidents?status=open', token)).status).toBe(400);
  });

  it('alert listing filters by rule metric and start', async () => {
    const token = await fetchToken();
    const ruleA = makeAlertIncident({ startedAt: START - HOUR, metric: 'client_health_score' });
    const ruleB = makeAlertIncident({ startedAt: START - 3 * HOUR, metric: 'roam_time_ms' });
    fake.addAlertIncident(ruleA);
    fake.addAlertIncident(ruleB);

    expect((await listAlerts(`?ruleId=${ruleB.ruleId}`, token)).results.map((incident) => incident.id)).toEqual([ruleB.id]);
    expect((await listAlerts('?metric=client_health_score', token)).results.map((incident) => incident.id)).toEqual([ruleA.id]);
    expect((await listAlerts(`?startedAfter=${START - 2 * HOUR}`, token)).results.map((incident) => incident.id)).toEqual([ruleA.id]);
    expect((await listAlerts(`?startedBefore=${START - 2 * HOUR}`, token)).results.map((incident) => incident.id)).toEqual([ruleB.id]);
  });

  it('alert listing filters by organization', async () => {
    const token = await fetchToken();
    const own = makeAlertIncident({ startedAt: START - HOUR });
    const other = makeAlertIncident({ startedAt: START - HOUR });
    fake.addAlertIncident(own);
    fake.addAlertIncident(other, { organization: 'org-b' });

    expect((await listAlerts('', token)).results.map((incident) => incident.id)).toEqual([own.id]);
    expect((await listAlerts('?organization=org-b', token)).results.map((incident) => incident.id)).toEqual([other.id]);
  });

  it('alert fetch returns incident', async () => {
    const token = await fetchToken();
    const incident = makeAlertIncident({ startedAt: START - HOUR });
    fake.addAlertIncident(incident);

    const response = await get(`/alerting/incidents/${incident.id}`, token);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(incident);
  });

  it('alert fetch unknown is 404', async () => {
    const token = await fetchToken();
    const response = await get('/alerting/incidents/00000000-0000-4000-8000-000000000000', token);

    expect(response.status).toBe(404);
    expect(((await response.json()) as ApiErrorBody).requestId).toBeTruthy();
  });

  it('alert summary counts active', async () => {
    const token = await fetchToken();
    fake.addAlertIncident(makeAlertIncident({ startedAt: START - HOUR }));
    fake.addAlertIncident(makeAlertIncident({ startedAt: START - HOUR, resolvedAt: START, resolutionReason: 'cleared' }));

    const response = await get('/alerting/incidents/summary', token);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ totalCount: 2, activeCount: 1 });
  });

  it('alert resolve then 409', async () => {
    const token = await fetchToken();
    const incident = makeAlertIncident({ startedAt: START - HOUR });
    fake.addAlertIncident(incident);
    clock = START + 5 * MINUTE;

    const resolved = await post(`/alerting/incidents/${incident.id}/resolve`, token);

    expect(resolved.status).toBe(200);
    const body = (await resolved.json()) as AlertIncident;
    expect(body.id).toBe(incident.id);
    expect(body.resolvedAt).toBe(START + 5 * MINUTE);
    expect(body.resolutionReason).toBe('cleared_by_user');

    const again = await post(`/alerting/incidents/${incident.id}/resolve`, token);
    expect(again.status).toBe(409);
    const conflict = (await again.json()) as ApiErrorBody;
    expect(conflict.status).toBe(409);
    expect(conflict.requestId).toBeTruthy();

    const active = await listAlerts('?status=active', token);
    expect(active.results).toEqual([]);
  });

  it('alert resolve unknown is 404', async () => {
    const token = await fetchToken();

    expect((await post('/alerting/incidents/00000000-0000-4000-8000-000000000000/resolve', token)).status).toBe(404);
  });

  it('alert update changes listing', async () => {
    const token = await fetchToken();
    const incident = makeAlertIncident({ startedAt: START - HOUR });
    fake.addAlertIncident(incident);

    fake.updateAlertIncident(incident.id ?? '', { resolvedAt: START, resolutionReason: 'cleared' });

    expect((await listAlerts('?status=resolved', token)).results.map((item) => item.id)).toEqual([incident.id]);
  });
});

describe('failNext', () => {
  it('failNext applies to matching path', async () => {
    const token = await fetchToken();
    fake.failNext('/incidents/agents', { status: 503, body: { message: 'maintenance' } }, 2);

    const first = await get('/incidents/agents', token);
    const second = await get('/incidents/agents/some-id', token);
    const third = await get('/incidents/agents', token);

    expect(first.status).toBe(503);
    expect(await first.json()).toEqual({ message: 'maintenance' });
    expect(second.status).toBe(503);
    expect(third.status).toBe(200);
    expect(fake.requests.map((request) => request.status)).toEqual([200, 503, 503, 200]);
  });

  it('failNext skips other paths', async () => {
    const token = await fetchToken();
    fake.failNext('/alerting', { status: 500 });

    expect((await get('/incidents/agents', token)).status).toBe(200);
    expect((await get('/alerting/incidents', token)).status).toBe(500);
    expect((await get('/alerting/incidents', token)).status).toBe(200);
  });

  it('failNext default body is error body', async () => {
    const token = await fetchToken();
    fake.failNext('/incidents/agents', { status: 502 });

    const response = await get('/incidents/agents', token);

    const body = (await response.json()) as ApiErrorBody;
    expect(body.status).toBe(502);
    expect(body.error).toBe('Bad Gateway');
    expect(body.requestId).toBeTruthy();
  });

  it('failNext 429 sets headers', async () => {
    const token = await fetchToken();
    fake.failNext('/incidents/agents', { status: 429, headers: { 'Retry-After': '2', 'RateLimit-Burst-Capacity': '30' } });

    const response = await get('/incidents/agents', token);

    expect(response.status).toBe(429);
    expect(response.headers.get('ratelimit-remaining')).toBe('0');
    expect(response.headers.get('retry-after')).toBe('2');
    expect(response.headers.get('ratelimit-burst-capacity')).toBe('30');
  });

  it('failNext on token endpoint', async () => {
    fake.failNext('/oauth2/token', { status: 400, body: { error: 'invalid_grant' } });

    const failed = await requestToken({ grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
    expect(failed.status).toBe(400);
    expect(((await failed.json()) as TokenErrorResponse).error).toBe('invalid_grant');
    expect(fake.tokensIssued).toBe(0);

    await fetchToken();
    expect(fake.tokensIssued).toBe(1);
  });

  it('failNext comes before authentication', async () => {
    fake.failNext('/incidents', { status: 503, body: 'upstream unavailable' });

    const response = await fetch(`${fake.url}/incidents/agents`);

    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(await response.text()).toBe('upstream unavailable');
  });

  it('failNext delay postpones response', async () => {
    const token = await fetchToken();
    fake.failNext('/incidents/agents', { status: 504, delayMs: 80 });

    const started = performance.now();
    const response = await get('/incidents/agents', token);

    expect(response.status).toBe(504);
    expect(performance.now() - started).toBeGreaterThanOrEqual(75);
  });
});
