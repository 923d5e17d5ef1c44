import { describe, expect, it } from 'vitest';
import { observeAgentIncident, observeAlertIncident } from '../../src/poller/incident-observation.ts';
import type { AgentIncident } from '../../src/sevensignal/types.ts';

const NOW = Date.UTC(2026, 11, 4, 12, 0);
const agent: AgentIncident = { id: 'a', startTimestamp: '2026-12-04T11:00:00.000Z', asOfTimestamp: '2026-12-04T11:59:00.000Z', countImpacted: 3 };

describe('observeAgentIncident', () => {
  // Each row: an endTimestamp and the state it gives at NOW.
  const states: Array<[string | undefined, string]> = [
    [undefined, 'open'],
    ['', 'open'],
    ['2026-12-04T13:00:00.000Z', 'open'],
    ['2026-12-04T11:30:00.000Z', 'recovered'],
  ];
  for (const [end, state] of states) {
    it(`gives ${state} for end ${JSON.stringify(end)}`, () => {
      expect(observeAgentIncident({ ...agent, endTimestamp: end }, NOW).state).toBe(state);
    });
  }

  it('ignores the evaluation time', () => {
    const later = observeAgentIncident({ ...agent, asOfTimestamp: '2026-12-04T12:05:00.000Z' }, NOW);
    expect(later.fingerprint).toBe(observeAgentIncident(agent, NOW).fingerprint);
    expect(later.payload).not.toBe(observeAgentIncident(agent, NOW).payload);
  });

  it('changes with the numbers', () => {
    expect(observeAgentIncident({ ...agent, countImpacted: 4 }, NOW).fingerprint).not.toBe(observeAgentIncident(agent, NOW).fingerprint);
  });
});

describe('observeAlertIncident', () => {
  it('gives resolved with resolvedAt', () => {
    expect(observeAlertIncident({ id: 'b', resolvedAt: NOW }).state).toBe('resolved');
    expect(observeAlertIncident({ id: 'b', resolvedAt: null }).state).toBe('open');
    expect(observeAlertIncident({ id: 'b' }).state).toBe('open');
  });
});
