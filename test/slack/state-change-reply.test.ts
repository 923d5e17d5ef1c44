import { describe, expect, it } from 'vitest';
import type { AgentIncident, AlertIncident } from '../../src/sevensignal/types.ts';
import type { IncidentView } from '../../src/slack/messages/incident-message.ts';
import { slackDate } from '../../src/slack/messages/mrkdwn.ts';
import { buildStateChangeReply } from '../../src/slack/messages/state-change-reply.ts';

const NOW = Date.UTC(2026, 11, 4, 12, 0);
const MINUTE = 60_000;

const agent: AgentIncident = { id: 'a', startTimestamp: '2026-12-04T11:00:00.000Z', endTimestamp: '2026-12-04T11:45:00.000Z' };
const alert: AlertIncident = { id: 'b', startedAt: NOW - 30 * MINUTE, resolvedAt: NOW - 5 * MINUTE, resolutionReason: 'cleared' };
const END = Date.parse(agent.endTimestamp!);

describe('buildStateChangeReply', () => {
  // Each row: the view of a changed incident and the reply it gets.
  const cases: Array<[string, IncidentView, string]> = [
    ['agent recovery', { kind: 'agent', incident: agent, state: 'recovered' }, `🟢 Recovered at ${slackDate(END)} after 45 min.`],
    [
      'agent ongoing again',
      { kind: 'agent', incident: { ...agent, endTimestamp: '' }, state: 'open' },
      '🔴 Ongoing again: 7SIGNAL no longer reports an end for this incident.',
    ],
    [
      'alert cleared',
      { kind: 'alert', incident: alert, state: 'resolved' },
      `🟢 Resolved at ${slackDate(alert.resolvedAt!)} after 25 min: the condition cleared.`,
    ],
    [
      'alert resolved outside slack',
      { kind: 'alert', incident: { ...alert, resolutionReason: 'cleared_by_user' }, state: 'resolved' },
      `🟢 Resolved by hand outside Slack (in Mobile Eye or through the API) at ${slackDate(alert.resolvedAt!)} after 25 min.`,
    ],
    [
      'alert resolved in slack',
      {
        kind: 'alert',
        incident: { ...alert, resolutionReason: 'cleared_by_user' },
        state: 'resolved',
        resolvedBy: { userId: 'U0BOB', at: NOW },
      },
      `🟢 Resolved by <@U0BOB> in Slack at ${slackDate(alert.resolvedAt!)} after 25 min.`,
    ],
    ['alert without times', { kind: 'alert', incident: { id: 'c' }, state: 'resolved' }, '🟢 Resolved: no reason reported.'],
    [
      'alert with unknown reason',
      { kind: 'alert', incident: { ...alert, resolutionReason: '<!here>' as AlertIncident['resolutionReason'] }, state: 'resolved' },
      `🟢 Resolved at ${slackDate(alert.resolvedAt!)} after 25 min: &lt;!here&gt;.`,
    ],
  ];
  for (const [name, view, text] of cases) {
    it(`announces ${name}`, () => expect(buildStateChangeReply(view, NOW)).toMatchObject({ text, blocks: [] }));
  }
});

describe('state change reply metadata', () => {
  it('names the incident and state', () => {
    const reply = buildStateChangeReply({ kind: 'alert', incident: { id: 'c' }, state: 'resolved' }, NOW);
    expect(reply.metadata).toEqual({ event_type: 'wifi_incident_state', event_payload: { kind: 'alert', id: 'c', state: 'resolved' } });
  });
});
