import { describe, expect, it } from 'vitest';
import { validateBlocks } from '../../src/simulator/slack/block-validation.ts';
import type { AgentIncident, AlertIncident } from '../../src/sevensignal/types.ts';
import { buildIncidentMessage, type IncidentView } from '../../src/slack/messages/incident-message.ts';
import { slackDate } from '../../src/slack/messages/mrkdwn.ts';
import { buildReminderMessage } from '../../src/slack/messages/reminder-message.ts';
import { buildSnoozeList } from '../../src/slack/messages/snooze-list-message.ts';
import { buildSnoozeReport, MAX_LISTED_HELD } from '../../src/slack/messages/snooze-report-message.ts';
import type { Snooze } from '../../src/store/snoozes.ts';

const NOW = Date.UTC(2026, 11, 4, 12, 0);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

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
};

type Block = { type: string; block_id?: string; elements?: Array<{ text: string | { text: string } }> };

function blocksOf(view: IncidentView): Block[] {
  return buildIncidentMessage(view, NOW).blocks as Block[];
}

function snoozeLabels(view: IncidentView): string[] {
  const block = blocksOf(view).find((candidate) => candidate.block_id === 'incident_snooze');
  return (block?.elements ?? []).map((element) => (element.text as { text: string }).text);
}

const snooze = { until: NOW + 4 * HOUR, userId: 'U0ALICE', label: 'Main Campus - Floor 2 · CorpWiFi · 5 GHz' };

describe('snooze in the incident message', () => {
  it('puts the snooze buttons last', () => {
    const blocks = blocksOf({ kind: 'agent', incident: agent, state: 'open' });
    expect(blocks.map((block) => block.block_id).slice(-2)).toEqual(['incident_actions', 'incident_snooze']);
    expect(snoozeLabels({ kind: 'agent', incident: agent, state: 'open' })).toEqual(['Snooze 1 h', 'Snooze 4 h', 'Snooze 24 h']);
  });

  it('shows until when and who', () => {
    const view: IncidentView = { kind: 'agent', incident: agent, state: 'open', snooze };
    const context = blocksOf(view)[2]!;
    expect(context).toEqual({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `🔕 Snoozed until ${slackDate(NOW + 4 * HOUR)} by <@U0ALICE>: new incidents with the same location, network and band (Main Campus - Floor 2 · CorpWiFi · 5 GHz) are recorded, not posted`,
        },
      ],
    });
    expect(snoozeLabels(view)).toEqual(['End snooze']);
    expect(validateBlocks(blocksOf(view))).toBeUndefined();
  });

  it('names the rule scope for alerts', () => {
    const text = JSON.stringify(blocksOf({ kind: 'alert', incident: alert, state: 'open', snooze: { ...snooze, label: 'client_health_score alerts' } }));
    expect(text).toContain('the same alert rule and dimension values');
  });

  it('escapes the label', () => {
    const text = JSON.stringify(blocksOf({ kind: 'agent', incident: agent, state: 'open', snooze: { ...snooze, label: '<!channel>' } }));
    expect(text).toContain('(&lt;!channel&gt;)');
  });
});

describe('buildSnoozeReport', () => {
  const base = { snoozeId: 3, label: 'Main Campus - Floor 2 · CorpWiFi · 5 GHz', createdAt: NOW - HOUR, endedAt: NOW };

  it('lists what was held back', () => {
    const message = buildSnoozeReport({
      ...base,
      endedBy: null,
      held: [
        { kind: 'agent', incident: agent, state: 'open' },
        { kind: 'alert', incident: alert, state: 'resolved' },
      ],
    });
    expect(message.text).toBe(
      `🔔 The snooze of Main Campus - Floor 2 · CorpWiFi · 5 GHz ran out at ${slackDate(NOW)}. 2 incidents were held back since ${slackDate(NOW - HOUR)}.`,
    );
    const listed = (message.blocks[1] as { text: { text: string } }).text.text;
    expect(listed).toBe(
      [
        '*Held back*',
        `• CONNECTION at Main Campus - Floor 2 (CorpWiFi, 5 GHz): 12 of 84 agents (14%), started ${slackDate(Date.parse(agent.startTimestamp!))}`,
        `• client_health_score for network CorpWiFi, band 5: value 52, started ${slackDate(NOW - 20 * MINUTE)} · now resolved`,
      ].join('\n'),
    );
    expect(message.metadata).toEqual({ event_type: 'wifi_incident_snooze_end', event_payload: { kind: 'snooze', id: '3' } });
    expect(validateBlocks(message.blocks)).toBeUndefined();
  });

  it('names who ended it', () => {
    const message = buildSnoozeReport({ ...base, endedBy: 'U0BOB', held: [] });
    expect(message.text).toContain('was ended by <@U0BOB>');
    expect(message.text).toContain('No incident was held back');
    expect(message.blocks).toHaveLength(1);
  });

  it('counts what does not fit', () => {
    const held = Array.from({ length: MAX_LISTED_HELD + 5 }, (): IncidentView => ({ kind: 'agent', incident: agent, state: 'open' }));
    const message = buildSnoozeReport({ ...base, endedBy: null, held });
    const lines = (message.blocks[1] as { text: { text: string } }).text.text.split('\n');
    expect(lines).toHaveLength(1 + MAX_LISTED_HELD + 1);
    expect(lines.at(-1)).toBe('• and 5 more');
  });

  it('stays within block kit limits', () => {
    const long = { ...agent, locationName: '<&>'.repeat(300), type: '&'.repeat(300), network: '>'.repeat(300) };
    const held = Array.from({ length: 20 }, (): IncidentView => ({ kind: 'agent', incident: long, state: 'open' }));
    const message = buildSnoozeReport({ ...base, label: '&'.repeat(2000), endedBy: null, held });
    expect(validateBlocks(message.blocks)).toBeUndefined();
  });
});

describe('buildSnoozeList', () => {
  const listed = (label: string, until: number): Snooze => ({
    id: 1,
    scope: '[]',
    label,
    kind: 'agent',
    incidentId: agent.id!,
    channel: 'C0NOC',
    messageTs: null,
    createdAt: NOW,
    setBy: 'U0ALICE',
    until,
    endedAt: null,
    endedBy: null,
    reportAttemptedAt: null,
    reportTs: null,
  });

  it('fits 50 blocks', () => {
    const many = Array.from({ length: 60 }, (_, index) => ({ snooze: listed(`Site ${index}`, NOW + index * MINUTE), held: index }));
    const message = buildSnoozeList(many);
    expect(message.blocks).toHaveLength(50);
    expect(validateBlocks(message.blocks)).toBeUndefined();
    expect(JSON.stringify(message.blocks.at(-1))).toContain('and 12 more, which end later');
  });

  it('counts one held incident', () => {
    const message = buildSnoozeList([{ snooze: listed('Lobby', NOW + HOUR), held: 1 }]);
    expect(JSON.stringify(message.blocks)).toContain('· 1 incident held back so far');
    expect(message.text).toBe('1 active snooze: Lobby');
  });
});

describe('buildReminderMessage', () => {
  it('names the incident and the group', () => {
    const message = buildReminderMessage({ kind: 'alert', incident: alert, state: 'open' }, 95 * MINUTE, 'S0NOC');
    expect(message.text).toBe('⏰ <!subteam^S0NOC> Still open and not acknowledged after 1 h 35 min: client_health_score for network CorpWiFi, band 5.');
    expect(message.metadata).toEqual({ event_type: 'wifi_incident_reminder', event_payload: { kind: 'alert', id: alert.id } });
  });

  it('mentions only a user group', () => {
    const message = buildReminderMessage({ kind: 'agent', incident: agent, state: 'open' }, 30 * MINUTE, '<!channel>');
    expect(message.text).toBe('⏰ Still open and not acknowledged after 30 min: CONNECTION at Main Campus - Floor 2.');
  });
});
