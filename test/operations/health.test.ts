import { describe, expect, it } from 'vitest';
import { checkHealth } from '../../src/operations/health.ts';
import { pathTemplate } from '../../src/operations/metrics.ts';
import { scheduleIntervalMs } from '../../src/operations/schedule-interval.ts';

const MINUTE = 60_000;

describe('checkHealth', () => {
  // Each row: last success (minutes before now, or undefined), minutes since start, expected status and code.
  const cases: Array<[string, number | undefined, number, string]> = [
    ['recent success', 1, 60, 'ok'],
    ['success just under threshold', 2.9, 60, 'ok'],
    ['success too old', 4, 60, 'stale'],
    ['no success yet, just started', undefined, 1, 'starting'],
    ['no success long after start', undefined, 10, 'stale'],
  ];
  for (const [name, lastMinutes, startedMinutes, status] of cases) {
    it(name, () => {
      const now = 1_000 * MINUTE;
      const last = lastMinutes === undefined ? undefined : now - lastMinutes * MINUTE;
      expect(checkHealth(last, now - startedMinutes * MINUTE, 3 * MINUTE, now).status).toBe(status);
    });
  }
});

describe('scheduleIntervalMs', () => {
  it('reads a five-field schedule', () => expect(scheduleIntervalMs('*/5 * * * *')).toBe(5 * MINUTE));
  it('reads seconds', () => expect(scheduleIntervalMs('*/10 * * * * *')).toBe(10_000));
  it('takes the longest gap', () => expect(scheduleIntervalMs('0,10 * * * *')).toBe(50 * MINUTE));
});

describe('pathTemplate', () => {
  it('replaces uuids', () =>
    expect(pathTemplate('/alerting/incidents/6f1c2b0e-7f0e-4a43-9a55-2d9a5f0c1b11/resolve')).toBe('/alerting/incidents/{id}/resolve'));
  it('keeps plain paths', () => expect(pathTemplate('/incidents/agents')).toBe('/incidents/agents'));
});
