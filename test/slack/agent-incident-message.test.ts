import { describe, expect, it } from 'vitest';
import { buildAgentIncidentMessage } from '../../src/slack/messages/agent-incident-message.ts';
import { formatBand, formatImpact } from '../../src/slack/messages/agent-incident-facts.ts';
import { escapeMrkdwn, formatDuration, slackDate } from '../../src/slack/messages/mrkdwn.ts';
import type { AgentIncident } from '../../src/sevensignal/types.ts';

const NOW = Date.UTC(2026, 11, 4, 12, 0);

const incident: AgentIncident = {
  id: '6f1c2b0e-7f0e-4a43-9a55-2d9a5f0c1b11',
  startTimestamp: '2026-12-04T11:00:00.000Z',
  timestampDeterminedToBeIncident: '2026-12-04T11:10:00.000Z',
  asOfTimestamp: '2026-12-04T11:59:00.000Z',
  organizationName: 'examplecorp',
  type: 'CONNECTION',
  location: '0b9b3f7e-1d7c-4f43-8f42-6a3f4b1a2c3d',
  locationName: 'Main Campus - Floor 2',
  network: 'CorpWiFi',
  band: 5,
  countImpacted: 12,
  populationCount: 84,
  thresholds: { successRateThreshold: 80, minCountImpacted: 5, minIncidentDurationMinutes: 10 },
};

function allText(message: ReturnType<typeof buildAgentIncidentMessage>): string {
  return JSON.stringify(message.blocks) + message.text;
}

describe('formatBand', () => {
  // Each row: the API's band number and what engineers read.
  const cases: Array<[number | undefined, string]> = [
    [2.4, '2.4 GHz'],
    [5, '5 GHz'],
    [6, '6 GHz'],
    [undefined, 'unknown band'],
  ];
  for (const [band, text] of cases) {
    it(`formats ${band}`, () => expect(formatBand(band)).toBe(text));
  }
});

describe('formatImpact', () => {
  it('shows count of population and percent', () => expect(formatImpact(12, 84)).toBe('12 of 84 agents (14%)'));
  it('handles a missing population', () => expect(formatImpact(3, undefined)).toBe('3 agents'));
  it('uses the singular', () => expect(formatImpact(1, 4)).toBe('1 of 4 agent (25%)'));
});

describe('mrkdwn helpers', () => {
  it('escapes control characters', () => expect(escapeMrkdwn('<!channel> & <Lab>')).toBe('&lt;!channel&gt; &amp; &lt;Lab&gt;'));
  it('formats a date token with a utc fallback', () =>
    expect(slackDate(NOW)).toBe(`<!date^${NOW / 1000}^{date_short_pretty} {time}|2026-12-04 12:00 UTC>`));
  it('formats durations', () => {
    expect(formatDuration(45 * 60_000)).toBe('45 min');
    expect(formatDuration(125 * 60_000)).toBe('2 h 5 min');
    expect(formatDuration(76 * 3_600_000)).toBe('3 d 4 h');
  });
});

describe('buildAgentIncidentMessage', () => {
  it('shows the wifi context', () => {
    const message = buildAgentIncidentMessage(incident, NOW);
    const text = allText(message);
    expect(message.blocks[0]).toMatchObject({ type: 'header' });
    expect(JSON.stringify(message.blocks[0])).toContain('CONNECTION at Main Campus - Floor 2');
    expect(text).toContain('CorpWiFi');
    expect(text).toContain('5 GHz');
    expect(text).toContain('12 of 84 agents (14%)');
    expect(text).toContain(slackDate(Date.parse(incident.startTimestamp!)));
    expect(text).toContain(slackDate(Date.parse(incident.timestampDeterminedToBeIncident!)));
    expect(text).toContain('Qualified by thresholds: success rate threshold 80, min impacted 5 agents, min duration 10 min');
    expect(text).toContain('examplecorp');
    expect(text).toContain(incident.id);
    expect(text).toContain('*State*\\nOngoing');
    expect(text).not.toContain('Ongoing for');
  });

  it('has a plain text fallback', () => {
    const message = buildAgentIncidentMessage(incident, NOW);
    expect(message.text).toBe(
      'Wi-Fi incident: CONNECTION at Main Campus - Floor 2 (CorpWiFi, 5 GHz): 12 of 84 agents (14%) impacted, started 2026-12-04 11:00 UTC',
    );
  });

  it('carries the incident in metadata', () => {
    expect(buildAgentIncidentMessage(incident, NOW).metadata).toEqual({
      event_type: 'wifi_incident',
      event_payload: { kind: 'agent', id: incident.id },
    });
  });

  it('escapes mention syntax from the api', () => {
    const message = buildAgentIncidentMessage({ ...incident, locationName: '<!channel> & <Lab>', network: '<@U123>' }, NOW);
    // The header is plain_text, which Slack shows literally; every mrkdwn text must be escaped.
    expect(message.blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text' } });
    const text = JSON.stringify(message.blocks.slice(1)) + message.text;
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('<@U123>');
    expect(text).toContain('&lt;!channel&gt; &amp; &lt;Lab&gt;');
  });

  it('cuts huge names to block kit limits', () => {
    const message = buildAgentIncidentMessage({ ...incident, locationName: '&'.repeat(10_000), type: 'X'.repeat(5000) }, NOW);
    const header = message.blocks[0] as { text: { text: string } };
    expect(header.text.text.length).toBeLessThanOrEqual(150);
    for (const block of message.blocks) {
      for (const field of (block as { fields?: Array<{ text: string }> }).fields ?? []) {
        expect(field.text.length).toBeLessThanOrEqual(2000);
      }
    }
    expect(message.text.length).toBeLessThan(4000);
  });

  it('shows a past end as recovered', () => {
    const message = buildAgentIncidentMessage({ ...incident, endTimestamp: '2026-12-04T11:45:00.000Z' }, NOW);
    expect(allText(message)).toContain('Recovered after 45 min');
  });

  it('treats a future end as ongoing', () => {
    const message = buildAgentIncidentMessage({ ...incident, endTimestamp: '2026-12-04T13:00:00.000Z' }, NOW);
    expect(allText(message)).toContain('*State*\\nOngoing');
  });
});
