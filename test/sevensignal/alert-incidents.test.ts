import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAlertIncidents } from '../../src/sevensignal/alert-incidents.ts';
import { createSevenSignalClient, type SevenSignalClient } from '../../src/sevensignal/client.ts';
import { makeAlertIncident } from '../../src/simulator/sevensignal/index.ts';
import { CLIENT_ID, CLIENT_SECRET, startHarness, type Harness } from '../support/bot-harness.ts';

let harness: Harness;
let client: SevenSignalClient;

beforeEach(async () => {
  harness = await startHarness();
  client = createSevenSignalClient({
    baseUrl: harness.sevenSignal.url,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    timeoutMs: 2000,
    logger: harness.logger,
    now: harness.clock.now,
  });
});

afterEach(async () => {
  await harness.close();
});

describe('listAlertIncidents', () => {
  it('reads every page', async () => {
    for (let i = 0; i < 230; i += 1) {
      harness.sevenSignal.addAlertIncident(makeAlertIncident({ startedAt: harness.clock.value - i * 1000 }));
    }
    const incidents = await listAlertIncidents(client.api);
    expect(incidents).toHaveLength(230);
    expect(new Set(incidents.map((incident) => incident.id)).size).toBe(230);
    const pages = harness.sevenSignal.requests.filter((request) => request.path === '/alerting/incidents').map((request) => request.query.page);
    expect(pages).toEqual(['1', '2', '3']);
  });

  it('reports an api error with its request id', async () => {
    harness.sevenSignal.failNext('/alerting/incidents', { status: 403 });
    await expect(listAlertIncidents(client.api, { status: 'active' })).rejects.toMatchObject({
      code: 'forbidden',
      status: 403,
      message: expect.stringMatching(/requestId/),
    });
  });
});
