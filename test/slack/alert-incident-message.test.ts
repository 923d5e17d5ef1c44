import { describe, expect, it } from 'vitest';
import type { AlertIncident } from '../../src/sevensignal/types.ts';
import {
  describeDimensions,
  describeResolutionReason,
  describeThreshold,
  formatMetricValue,
} from '../../src/slack/messages/alert-incident-facts.ts';
import { buildAlertFirstRunSummary } from '../../src/slack/messages/alert-first-run-summary.ts';
import { buildAlertIncidentMessage } from '../../src/slack/messages/alert-incident-message.ts';
import { slackDate } from '../../src/slack/messages/mrkdwn.ts';

const NOW = Date.UTC(2026, 11, 4, 12, 0);
const MINUTE = 60_000;

const incident: AlertIncident = {
  id: '0c6d3f8e-51a2-4d0b-9a43-7f1b2c3d4e5f',
  ticketId: '1042',
  ruleId: '9e8d7c6b-5a49-4382-a716-151413121110',
  metric: 'client_health_score',
  dimensionSet: ['network', 'band'],
  dimensionKey: 'CorpWiFi|5',
  startedAt: NOW - 20 * MINUTE,
  resolvedAt: null,
  resolutionReason: null,
  triggerValue: 52.456,
  resolveValue: null,
  snapshot: { thresholdValue: 70, thresholdOperator: '<', aggregationFunction: 'avg', pendingPeriodSeconds: 300, dimensionFilters: null },
};

const resolved: AlertIncident = { ...incident, resolvedAt: NOW - 5 * MINUTE, resolutionReason: 'cleared', resolveValue: 75 };

function allText(message: ReturnType<typeof buildAlertIncidentMessage>): string {
  return JSON.stringify(message.blocks) + message.text;
}

describe('describeDimensions', () => {
  // Each row: dimensionSet, dimensionKey and how the message reads them.
  const cases: Array<[string[] | undefined, string | undefined, string | undefined]> = [
    [['network', 'band'], 'CorpWiFi|5', 'network CorpWiFi, band 5'],
    [['bssid', 'device_id', 'location_id'], 'aa:bb|dev-1|loc-9', 'BSSID aa:bb, device dev-1, location loc-9'],
    [['target'], 'speedtest.example', 'target speedtest.example'],
    // Counts that do not match show the names and the raw key.
    [['network', 'band'], 'CorpWiFi', 'network, band: CorpWiFi'],
    [[], 'CorpWiFi|5', 'CorpWiFi|5'],
    [['network'], '', undefined],
    [undefined, undefined, undefined],
  ];
  for (const [set, key, expected] of cases) {
    it(`reads ${JSON.stringify(set)} with ${JSON.stringify(key)}`, () => expect(describeDimensions(set, key)).toBe(expected));
  }
});

describe('alert incident facts', () => {
  it('formats metric values', () => {
    expect(formatMetricValue(52.456)).toBe('52.46');
    expect(formatMetricValue(70)).toBe('70');
    expect(formatMetricValue(null)).toBe('not reported');
  });

  it('describes the threshold', () => {
    expect(describeThreshold(incident.snapshot)).toBe('avg < 70 for 5 min');
    expect(describeThreshold({ thresholdValue: 3.5, thresholdOperator: '>=' })).toBe('>= 3.5');
    expect(describeThreshold({ thresholdOperator: '>' })).toBeUndefined();
    expect(describeThreshold(undefined)).toBeUndefined();
  });

  // Each row: a resolutionReason and its words.
  const reasons: Array<[string | null | undefined, string]> = [
    ['cleared', 'the condition cleared'],
    ['cleared_by_user', 'resolved by hand'],
    ['rule_deleted', 'the alert rule was deleted'],
    ['rule_config_changed', 'the alert rule was changed'],
    ['insufficient_data', 'not enough data to evaluate the rule'],
    ['location_deleted', 'the location was deleted'],
    ['rule_disabled', 'the alert rule was disabled'],
    ['new_reason', 'new_reason'],
    [null, 'no reason reported'],
  ];
  for (const [reason, words] of reasons) {
    it(`describes reason ${reason}`, () => expect(describeResolutionReason(reason)).toBe(words));
  }
});

describe('buildAlertIncidentMessage', () => {
  it('shows the rule context', () => {
    const message = buildAlertIncidentMessage(incident, NOW);
    const text = allText(message);
    expect(JSON.stringify(message.blocks[0])).toContain('🔴 client_health_score alert: network CorpWiFi, band 5');
    expect(text).toContain('network CorpWiFi, band 5');
    expect(text).toContain('52.46 (threshold avg &lt; 70 for 5 min)');
    expect(text).toContain(slackDate(incident.startedAt!));
    expect(text).toContain('Active');
    expect(text).not.toContain('Active for');
    expect(text).toContain('Ticket 1042');
    expect(text).toContain(incident.ruleId);
    expect(text).toContain(incident.id);
    expect(text).not.toContain('Reason');
  });

  it('has a plain text fallback', () => {
    expect(buildAlertIncidentMessage(incident, NOW).text).toBe(
      'Wi-Fi alert: client_health_score for network CorpWiFi, band 5: value 52.46, threshold avg &lt; 70 for 5 min, started 2026-12-04 11:40 UTC',
    );
  });

  it('carries the incident in metadata', () => {
    expect(buildAlertIncidentMessage(incident, NOW).metadata).toEqual({
      event_type: 'wifi_incident',
      event_payload: { kind: 'alert', id: incident.id },
    });
  });

  it('shows a resolution', () => {
    const message = buildAlertIncidentMessage(resolved, NOW);
    const text = allText(message);
    expect(JSON.stringify(message.blocks[0])).toContain('🟢');
    expect(text).toContain('Resolved after 15 min');
    expect(text).toContain(slackDate(resolved.resolvedAt!));
    expect(text).toContain('the condition cleared');
    expect(text).toContain('*Resolve value*\\n75');
  });

  it('shows resolved without a time', () => {
    const text = allText(buildAlertIncidentMessage(incident, NOW, true));
    expect(text).toContain('*State*\\nResolved"');
    expect(text).toContain('*Resolved*\\nnot reported');
    expect(text).toContain('no reason reported');
  });

  it('escapes mention syntax from the api', () => {
    const message = buildAlertIncidentMessage({ ...incident, dimensionKey: '<!channel>|5', metric: '<@U1>' }, NOW);
    const text = JSON.stringify(message.blocks.slice(1)) + message.text;
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('<@U1>');
    expect(text).toContain('&lt;!channel&gt;');
  });

  it('cuts huge values to block kit limits', () => {
    const message = buildAlertIncidentMessage({ ...incident, metric: 'm'.repeat(5000), dimensionKey: `${'&'.repeat(5000)}|5` }, NOW);
    const header = message.blocks[0] as { text: { text: string } };
    expect(header.text.text.length).toBeLessThanOrEqual(150);
    for (const field of (message.blocks[1] as { fields: Array<{ text: string }> }).fields) {
      expect(field.text.length).toBeLessThanOrEqual(2000);
    }
    expect(message.text.length).toBeLessThan(4000);
  });
});

describe('buildAlertFirstRunSummary', () => {
  it('counts active incidents by metric', () => {
    const summary = buildAlertFirstRunSummary([incident, { ...incident, id: 'b' }, { ...incident, id: 'c', metric: 'dns_failures' }, resolved]);
    expect(summary.text).toContain('3 alert-rule incidents are active and 1 were resolved in the last 24 hours');
    expect(JSON.stringify(summary.blocks)).toContain('• client_health_score: 2\\n• dns_failures: 1');
  });

  it('uses the singular', () => {
    expect(buildAlertFirstRunSummary([incident]).text).toContain('1 alert-rule incident is active;');
  });
});
