import { describe, expect, it } from 'vitest';
import type { AgentIncident } from '../../../src/sevensignal/types.ts';
import { buildAgentQueryMessage, formatAgentIncidentEntry } from '../../../src/slack/messages/agent-query-message.ts';
import { slackDate } from '../../../src/slack/messages/mrkdwn.ts';
import type { QueryResultFrame } from '../../../src/slack/messages/query-result-message.ts';
import { validateBlocks } from '../../../src/simulator/slack/block-validation.ts';

const NOW = Date.UTC(2026, 11, 4, 12, 0);
const MINUTE = 60_000;

const FRAME: QueryResultFrame = {
  commandText: '/wifi-incidents 24h',
  windowText: 'the last 24 hours',
  filterTexts: [],
  activeOnly: false,
  asOf: NOW,
  share: { actionId: 'share', value: '{"v":1}', text: 'Post to channel' },
};

let sequence = 0;

function incident(overrides: Partial<AgentIncident> = {}): AgentIncident {
  sequence += 1;
  return {
    id: `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    startTimestamp: new Date(NOW - 45 * MINUTE).toISOString(),
    type: 'CONNECTION',
    location: '4d707bdf-e986-47ef-9165-4c12be8f2f2a',
    locationName: 'Main Campus - Floor 2',
    network: 'CorpWiFi',
    band: 5,
    countImpacted: 12,
    populationCount: 84,
    ...overrides,
  };
}

function recovered(overrides: Partial<AgentIncident> = {}): AgentIncident {
  return incident({ endTimestamp: new Date(NOW - 5 * MINUTE).toISOString(), ...overrides });
}

function blockTexts(blocks: unknown[]): string[] {
  return blocks.map((block) => JSON.stringify(block));
}

function sectionTexts(message: ReturnType<typeof buildAgentQueryMessage>): string[] {
  return message.blocks.flatMap((block) => (block.type === 'section' && block.text ? [block.text.text] : []));
}

describe('formatAgentIncidentEntry', () => {
  it('shows an ongoing incident', () => {
    const entry = formatAgentIncidentEntry(incident(), NOW);

    expect(entry).toContain('🔴 *CONNECTION* · Main Campus - Floor 2 · CorpWiFi · 5 GHz');
    expect(entry).toContain('12 of 84 agents (14%)');
    expect(entry).toContain(`started ${slackDate(NOW - 45 * MINUTE)}`);
    expect(entry).toContain('ongoing for 45 min');
  });

  it('shows a recovered incident', () => {
    const entry = formatAgentIncidentEntry(recovered(), NOW);

    expect(entry).toContain('🟢 *CONNECTION*');
    expect(entry).toContain('lasted 40 min');
    expect(entry).not.toContain('ongoing');
  });

  it('treats a future end as ongoing', () => {
    const entry = formatAgentIncidentEntry(incident({ endTimestamp: new Date(NOW + MINUTE).toISOString() }), NOW);

    expect(entry).toContain('ongoing for 45 min');
  });

  it('escapes mrkdwn in api values', () => {
    const entry = formatAgentIncidentEntry(incident({ locationName: '<!channel> & co', network: '<@U1>' }), NOW);

    expect(entry).toContain('&lt;!channel&gt; &amp; co');
    expect(entry).toContain('&lt;@U1&gt;');
    expect(entry).not.toContain('<!channel>');
  });

  it('handles missing fields', () => {
    const entry = formatAgentIncidentEntry({ id: 'x' }, NOW);

    expect(entry).toContain('*Incident* · unknown location · unknown SSID · unknown band');
    expect(entry).toContain('start not reported · ongoing');
  });
});

describe('buildAgentQueryMessage', () => {
  it('summarizes counts and active incidents', () => {
    const incidents = [incident(), incident(), incident(), recovered(), recovered(), recovered(), recovered()];

    const message = buildAgentQueryMessage(FRAME, { incidents, listedLocationNames: [], filteredByLocationName: false });

    expect(message.text).toBe('7 incidents in the last 24 hours, 3 still active');
    expect(sectionTexts(message)[0]).toContain('*7 incidents in the last 24 hours, 3 still active*');
  });

  it('says none still active', () => {
    const message = buildAgentQueryMessage(FRAME, { incidents: [recovered()], listedLocationNames: [], filteredByLocationName: false });

    expect(message.text).toBe('1 incident in the last 24 hours, none still active');
  });

  it('counts per location', () => {
    const incidents = [
      incident({ locationName: 'North Clinic - Lobby' }),
      incident(),
      recovered(),
      incident(),
    ];

    const message = buildAgentQueryMessage(FRAME, { incidents, listedLocationNames: [], filteredByLocationName: false });
    const breakdown = sectionTexts(message)[1]!;

    expect(breakdown).toBe('*By location*\n• Main Campus - Floor 2: 3 (2 active)\n• North Clinic - Lobby: 1 (1 active)');
  });

  it('lists incidents in the given order', () => {
    const incidents = [incident({ type: 'DNS' }), incident({ type: 'DHCP' })];

    const message = buildAgentQueryMessage(FRAME, { incidents, listedLocationNames: [], filteredByLocationName: false });
    const entries = sectionTexts(message).slice(2);

    expect(entries[0]).toContain('*DNS*');
    expect(entries[1]).toContain('*DHCP*');
  });

  it('names window and filters when empty', () => {
    const frame = { ...FRAME, filterTexts: ['location "Main Campus - Floor 2"', 'band 5 GHz'] };

    const message = buildAgentQueryMessage(frame, { incidents: [], listedLocationNames: [], filteredByLocationName: true });

    expect(message.text).toBe('No incidents in the last 24 hours matching location "Main Campus - Floor 2", band 5 GHz.');
    expect(sectionTexts(message)[0]).toBe(message.text);
  });

  it('shows active only in the filters', () => {
    const frame = { ...FRAME, filterTexts: ['band 5 GHz'], activeOnly: true };

    const message = buildAgentQueryMessage(frame, { incidents: [incident()], listedLocationNames: [], filteredByLocationName: false });

    expect(sectionTexts(message)[0]).toContain('Filters: band 5 GHz, active only');
    expect(message.text).toBe('1 incident in the last 24 hours, 1 still active (band 5 GHz, active only)');
  });

  it('says so when empty without filters', () => {
    const message = buildAgentQueryMessage(FRAME, { incidents: [], listedLocationNames: [], filteredByLocationName: false });

    expect(message.text).toBe('No incidents in the last 24 hours.');
  });

  it('hints location names when empty', () => {
    const frame = { ...FRAME, filterTexts: ['location "Main Campus"'] };
    const names = ['HQ Tower - Floor 11', 'Main Campus - Floor 2'];

    const message = buildAgentQueryMessage(frame, { incidents: [], listedLocationNames: names, filteredByLocationName: true });

    expect(sectionTexts(message)[0]).toContain('Locations with incidents in this window: HQ Tower - Floor 11, Main Campus - Floor 2.');
  });

  it('shows the command, time and poster', () => {
    const frame: QueryResultFrame = { ...FRAME, share: undefined, postedBy: 'U0POSTER' };

    const message = buildAgentQueryMessage(frame, { incidents: [incident()], listedLocationNames: [], filteredByLocationName: false });
    const context = message.blocks.find((block) => block.type === 'context');

    expect(JSON.stringify(context)).toContain('`/wifi-incidents 24h` · as of');
    expect(JSON.stringify(context)).toContain('posted by <@U0POSTER>');
    expect(message.blocks.some((block) => block.type === 'actions')).toBe(false);
  });

  it('adds the share button', () => {
    const message = buildAgentQueryMessage(FRAME, { incidents: [incident()], listedLocationNames: [], filteredByLocationName: false });
    const actions = message.blocks.at(-1);

    expect(actions).toEqual({
      type: 'actions',
      elements: [{ type: 'button', action_id: 'share', text: { type: 'plain_text', text: 'Post to channel' }, value: '{"v":1}' }],
    });
  });

  it('stays within block kit limits with 500 incidents', () => {
    // Every value at its longest and made of characters that escaping makes five times as long.
    const long = '&'.repeat(300);
    const incidents = Array.from({ length: 500 }, (_, index) =>
      incident({ type: long, locationName: `${long}${index}`, network: long }),
    );
    const frame = { ...FRAME, filterTexts: Array.from({ length: 5 }, () => `location "${long}"`) };

    const message = buildAgentQueryMessage(frame, { incidents, listedLocationNames: [], filteredByLocationName: false });

    expect(validateBlocks(message.blocks)).toBeUndefined();
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(message.text.length).toBeLessThan(4000);
    for (const text of blockTexts(message.blocks)) {
      expect(text).not.toContain('<!channel>');
    }
    expect(sectionTexts(message).some((text) => text.includes('…and 475 more; narrow it with location: or a shorter window.'))).toBe(true);
  });

  it('lists every incident that fits', () => {
    const incidents = Array.from({ length: 25 }, () => incident());

    const message = buildAgentQueryMessage(FRAME, { incidents, listedLocationNames: [], filteredByLocationName: false });

    expect(sectionTexts(message).filter((text) => text.startsWith('🔴'))).toHaveLength(25);
    expect(sectionTexts(message).some((text) => text.includes('more; narrow it'))).toBe(false);
  });

  it('cuts the location counts', () => {
    const incidents = Array.from({ length: 30 }, (_, index) => incident({ locationName: `Site ${String(index).padStart(2, '0')}` }));

    const message = buildAgentQueryMessage(FRAME, { incidents, listedLocationNames: [], filteredByLocationName: false });
    const breakdown = sectionTexts(message)[1]!;

    expect(breakdown.split('\n')).toHaveLength(12);
    expect(breakdown).toContain('• and 20 more');
  });
});
