import { describe, expect, it } from 'vitest';
import type { AgentIncident, AlertIncident } from '../../src/sevensignal/types.ts';
import { validateBlocks } from '../../src/simulator/slack/block-validation.ts';
import {
  ACTION_IDS,
  decodeButtonValue,
  encodeButtonValue,
} from '../../src/slack/messages/incident-buttons.ts';
import { buildIncidentMessage, type IncidentView } from '../../src/slack/messages/incident-message.ts';
import { mention } from '../../src/slack/messages/mention.ts';
import { slackDate } from '../../src/slack/messages/mrkdwn.ts';

const NOW = Date.UTC(2026, 11, 4, 12, 0);
const MINUTE = 60_000;

const agent: AgentIncident = {
  id: '6f1c2b0e-7f0e-4a43-9a55-2d9a5f0c1b11',
  startTimestamp: '2026-12-04T11:00:00.000Z',
  type: 'CONNECTION',
  locationName: 'Main Campus - Floor 2',
  network: 'CorpWiFi',
  band: 5,
  countImpacted: 12,
  populationCount: 84,
};

const alert: AlertIncident = {
  id: '0c6d3f8e-51a2-4d0b-9a43-7f1b2c3d4e5f',
  metric: 'client_health_score',
  dimensionSet: ['network', 'band'],
  dimensionKey: 'CorpWiFi|5',
  startedAt: NOW - 20 * MINUTE,
  triggerValue: 52,
  snapshot: { thresholdValue: 70, thresholdOperator: '<' },
};

const acknowledgement = { userId: 'U0ALICE', at: NOW - 5 * MINUTE };

interface Button {
  action_id: string;
  value: string;
  text: { text: string };
  confirm?: { title: { text: string }; text: { text: string } };
}

function actionsBlock(view: IncidentView, blockId: string): { type: string; elements: Button[] } {
  const blocks = buildIncidentMessage(view, NOW).blocks as Array<{ type: string; block_id?: string; elements: Button[] }>;
  const actions = blocks.find((block) => block.block_id === blockId);
  expect(actions?.type).toBe('actions');
  return actions!;
}

function buttonsOf(view: IncidentView): Button[] {
  return actionsBlock(view, 'incident_actions').elements;
}

describe('button values', () => {
  it('round-trips kind and id', () => {
    const value = encodeButtonValue({ kind: 'alert', id: alert.id! });
    expect(value).toBe(`v1:alert:${alert.id}`);
    expect(decodeButtonValue(value)).toEqual({ kind: 'alert', id: alert.id });
  });

  // Each row: a value the bot does not understand.
  const unknown: Array<string | undefined> = [
    undefined,
    '',
    'ack',
    `v0:agent:${agent.id}`,
    `v2:agent:${agent.id}`,
    'v1:other:abc',
    'v1:agent:',
    'v1:agent:two words',
    `v1:agent:${'x'.repeat(201)}`,
    '{"kind":"agent","id":"abc"}',
  ];
  for (const value of unknown) {
    it(`rejects ${JSON.stringify(value)?.slice(0, 40)}`, () => expect(decodeButtonValue(value)).toBeUndefined());
  }
});

describe('mention', () => {
  it('links user ids', () => expect(mention('U0ALICE')).toBe('<@U0ALICE>'));
  it('escapes anything else', () => expect(mention('<!channel>')).toBe('&lt;!channel&gt;'));
});

describe('buildIncidentMessage', () => {
  // Each row: a view, and the buttons its message carries.
  const cases: Array<[string, IncidentView, string[]]> = [
    ['open agent incident', { kind: 'agent', incident: agent, state: 'open' }, ['Acknowledge']],
    ['acknowledged agent incident', { kind: 'agent', incident: agent, state: 'open', acknowledgement }, ['Unacknowledge']],
    ['active alert incident', { kind: 'alert', incident: alert, state: 'open' }, ['Acknowledge', 'Resolve']],
    ['resolved alert incident', { kind: 'alert', incident: { ...alert, resolvedAt: NOW }, state: 'resolved' }, ['Acknowledge']],
    ['acknowledged alert incident', { kind: 'alert', incident: alert, state: 'open', acknowledgement }, ['Unacknowledge', 'Resolve']],
  ];
  for (const [name, view, labels] of cases) {
    it(`buttons of ${name}`, () => {
      const buttons = buttonsOf(view);
      expect(buttons.map((button) => button.text.text)).toEqual(labels);
      for (const button of buttons) {
        expect(decodeButtonValue(button.value)).toEqual({ kind: view.kind, id: view.incident.id });
      }
    });
  }

  it('uses the action ids', () => {
    const buttons = buttonsOf({ kind: 'alert', incident: alert, state: 'open' });
    expect(buttons.map((button) => button.action_id)).toEqual([ACTION_IDS.acknowledge, ACTION_IDS.resolve]);
    expect(buttonsOf({ kind: 'agent', incident: agent, state: 'open', acknowledgement })[0]!.action_id).toBe(ACTION_IDS.unacknowledge);
  });

  it('asks before resolving', () => {
    const resolve = buttonsOf({ kind: 'alert', incident: alert, state: 'open' })[1]!;
    expect(resolve.confirm?.title.text).toBe('Resolve this alert incident?');
    expect(resolve.confirm?.text.text).toContain('client_health_score for network CorpWiFi, band 5');
  });

  it('shows who acknowledged', () => {
    const message = buildIncidentMessage({ kind: 'agent', incident: agent, state: 'open', acknowledgement }, NOW);
    expect(message.blocks[2]).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `✅ Acknowledged by <@U0ALICE> at ${slackDate(acknowledgement.at)}` }],
    });
  });

  it('keeps the acknowledgement after recovery', () => {
    const recovered = { ...agent, endTimestamp: '2026-12-04T11:45:00.000Z' };
    const text = JSON.stringify(buildIncidentMessage({ kind: 'agent', incident: recovered, state: 'recovered', acknowledgement }, NOW).blocks);
    expect(text).toContain('Recovered after 45 min');
    expect(text).toContain('Acknowledged by <@U0ALICE>');
  });

  it('shows who resolved in slack', () => {
    const view: IncidentView = {
      kind: 'alert',
      incident: { ...alert, resolvedAt: NOW, resolutionReason: 'cleared_by_user' },
      state: 'resolved',
      resolvedBy: { userId: 'U0BOB', at: NOW },
    };
    const text = JSON.stringify(buildIncidentMessage(view, NOW).blocks);
    expect(text).toContain(`Resolved in Slack by <@U0BOB> at ${slackDate(NOW)}`);
    expect(text).toContain('resolved by hand');
  });

  it('shows a 409 resolution without time', () => {
    const text = JSON.stringify(buildIncidentMessage({ kind: 'alert', incident: alert, state: 'resolved' }, NOW).blocks);
    expect(text).toContain('*State*\\nResolved');
    expect(text).not.toContain('Active for');
  });

  it('passes the fake block checks', () => {
    const huge = { ...alert, metric: '&'.repeat(5000), dimensionKey: `${'<'.repeat(5000)}|5` };
    for (const view of [
      { kind: 'alert', incident: huge, state: 'open', acknowledgement } as IncidentView,
      { kind: 'agent', incident: { ...agent, locationName: '&'.repeat(5000) }, state: 'open', acknowledgement } as IncidentView,
    ]) {
      expect(validateBlocks(buildIncidentMessage(view, NOW).blocks)).toBeUndefined();
    }
  });
});
