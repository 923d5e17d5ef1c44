import { describe, expect, it } from 'vitest';
import type { AlertIncident } from '../../../src/sevensignal/types.ts';
import { alertDimensions, describeAlertDimensions } from '../../../src/slack/messages/alert-dimensions.ts';
import { buildAlertQueryMessage, formatAlertIncidentEntry, isAlertActive } from '../../../src/slack/messages/alert-query-message.ts';
import type { QueryResultFrame } from '../../../src/slack/messages/query-result-message.ts';
import { validateBlocks } from '../../../src/simulator/slack/block-validation.ts';

const NOW = Date.UTC(2026, 11, 4, 12, 0);
const MINUTE = 60_000;

const FRAME: QueryResultFrame = {
  commandText: '/wifi-incidents alerts',
  windowText: 'the last 24 hours',
  filterTexts: [],
  activeOnly: false,
  asOf: NOW,
};

function alert(overrides: Partial<AlertIncident> = {}): AlertIncident {
  return {
    id: 'a1',
    ticketId: '1001',
    metric: 'client_health_score',
    dimensionSet: ['network', 'band'],
    dimensionKey: 'CorpWiFi|5',
    startedAt: NOW - 20 * MINUTE,
    resolvedAt: null,
    triggerValue: 62,
    snapshot: { thresholdValue: 70, thresholdOperator: '<' },
    ...overrides,
  };
}

describe('alertDimensions', () => {
  it('pairs names with key values', () => {
    expect([...alertDimensions(alert()).entries()]).toEqual([
      ['network', 'CorpWiFi'],
      ['band', '5'],
    ]);
  });

  it('is empty when counts differ', () => {
    expect(alertDimensions(alert({ dimensionKey: 'CorpWiFi' })).size).toBe(0);
    expect(describeAlertDimensions(alert({ dimensionKey: 'CorpWiFi' }))).toBe('network, band: CorpWiFi');
  });

  it('describes dimensions in words', () => {
    expect(describeAlertDimensions(alert({ dimensionSet: ['location_id'], dimensionKey: 'abc' }))).toBe('location abc');
  });
});

describe('isAlertActive', () => {
  it('reads resolvedAt against the time', () => {
    expect(isAlertActive(alert(), NOW)).toBe(true);
    expect(isAlertActive(alert({ resolvedAt: NOW - MINUTE }), NOW)).toBe(false);
    expect(isAlertActive(alert({ resolvedAt: NOW + MINUTE }), NOW)).toBe(true);
  });
});

describe('formatAlertIncidentEntry', () => {
  it('shows an active alert', () => {
    const entry = formatAlertIncidentEntry(alert(), NOW);

    expect(entry).toContain('🔴 *client_health_score* · network CorpWiFi, band 5 · ticket 1001');
    expect(entry).toContain('value 62 (threshold &lt; 70)');
    expect(entry).toContain('ongoing for 20 min');
  });

  it('shows a resolved alert', () => {
    const entry = formatAlertIncidentEntry(alert({ resolvedAt: NOW - 5 * MINUTE, resolutionReason: 'cleared_by_user' }), NOW);

    expect(entry).toContain('🟢');
    expect(entry).toContain('resolved after 15 min (cleared by user)');
  });
});

describe('buildAlertQueryMessage', () => {
  it('summarizes alert-rule incidents', () => {
    const incidents = [alert(), alert({ id: 'a2', resolvedAt: NOW - MINUTE, dimensionKey: 'CorpGuest|2.4' })];

    const message = buildAlertQueryMessage(FRAME, incidents);

    expect(message.text).toBe('2 alert-rule incidents in the last 24 hours, 1 still active');
    expect(JSON.stringify(message.blocks)).toContain('*By dimensions*\\n• network CorpGuest, band 2.4: 1\\n• network CorpWiFi, band 5: 1 (1 active)');
    expect(validateBlocks(message.blocks)).toBeUndefined();
  });

  it('says so when empty', () => {
    const message = buildAlertQueryMessage({ ...FRAME, filterTexts: ['network "CorpWiFi"'], activeOnly: true }, []);

    expect(message.text).toBe('No active alert-rule incidents in the last 24 hours matching network "CorpWiFi".');
  });
});
