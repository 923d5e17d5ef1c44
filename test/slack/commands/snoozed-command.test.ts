import { afterEach, describe, expect, it } from 'vitest';
import { makeAgentIncident, SAMPLE_LOCATIONS } from '../../../src/simulator/sevensignal/index.ts';
import { validateBlocks } from '../../../src/simulator/slack/block-validation.ts';
import type { AgentIncident } from '../../../src/sevensignal/types.ts';
import { SnoozeStore } from '../../../src/store/snoozes.ts';
import { CHANNEL } from '../../support/bot-harness.ts';
import { waitFor } from '../actions/button-support.ts';
import { replyText, startCommandBot, type CommandBot } from './command-bot.ts';

const HOUR = 3_600_000;
const FLOOR_2 = SAMPLE_LOCATIONS[0]!;

let running: CommandBot | undefined;

afterEach(async () => {
  await running?.close();
  running = undefined;
});

/** Snoozes the scope of `incident`, as the Snooze button does. */
function snooze(bot: CommandBot, incident: AgentIncident, label: string, hours: number): void {
  const now = bot.harness.clock.value;
  new SnoozeStore(bot.bot.db).snooze(
    {
      scope: JSON.stringify(['agent', '', incident.location, incident.network, incident.band]),
      label,
      kind: 'agent',
      incidentId: incident.id!,
      channel: CHANNEL,
      messageTs: null,
      userId: 'U0ALICE',
      until: now + hours * HOUR,
    },
    now,
  );
}

describe('/wifi-incidents snoozed', () => {
  it('says when nothing is snoozed', async () => {
    running = await startCommandBot();
    const { responsePath } = await running.command('snoozed');
    const reply = await running.reply(responsePath);
    expect(reply.body).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/^No snooze is active\./) });
  });

  it('lists snoozes with end buttons', async () => {
    const incidents: AgentIncident[] = [];
    running = await startCommandBot({}, (harness) => {
      const startTimestamp = new Date(harness.clock.value - HOUR).toISOString();
      incidents.push(
        makeAgentIncident({ startTimestamp, location: SAMPLE_LOCATIONS[2]!.id, locationName: SAMPLE_LOCATIONS[2]!.name, network: 'CorpGuest', band: 2.4 }),
        makeAgentIncident({ startTimestamp, location: FLOOR_2.id, locationName: FLOOR_2.name, network: 'CorpWiFi', band: 5 }),
      );
      incidents.forEach((incident) => harness.sevenSignal.addAgentIncident(incident));
    });
    const [lobby, floor] = incidents as [AgentIncident, AgentIncident];
    snooze(running, lobby, 'North Clinic - Lobby · CorpGuest · 2.4 GHz', 24);
    snooze(running, floor, 'Main Campus - Floor 2 · CorpWiFi · 5 GHz', 1);

    const { responsePath } = await running.command('snoozed');
    const reply = await running.reply(responsePath);
    const blocks = (reply.body as { blocks: Array<{ text?: { text: string }; accessory?: { action_id: string; value: string } }> }).blocks;

    expect(validateBlocks(blocks)).toBeUndefined();
    expect(blocks[0]!.text!.text).toBe('*2 active snoozes*');
    // The snooze ending first comes first.
    expect(blocks[1]!.text!.text).toMatch(/^\*Main Campus - Floor 2 · CorpWiFi · 5 GHz\*\nUntil <!date\^\d+\^.+> · set by <@U0ALICE> in <#C0INCIDENTS> · 0 incidents held back so far$/);
    expect(blocks[2]!.text!.text).toContain('North Clinic - Lobby');
    expect(blocks[1]!.accessory).toMatchObject({ action_id: 'incident_snooze_end', value: `v1:agent:${floor.id}` });

    const click = await running.click(blocks[1]!.accessory!, responsePath);
    expect(click.status).toBe(200);
    const harness = running.harness;
    const findReport = () => harness.slack.messages(CHANNEL).find((message) => message.metadata?.event_type === 'wifi_incident_snooze_end');
    await waitFor(() => findReport() !== undefined, 'the report of the ended snooze');

    const report = findReport();
    expect(report?.text).toContain('The snooze of Main Campus - Floor 2 · CorpWiFi · 5 GHz was ended by <@U0CLICKER>');
    const remaining = new SnoozeStore(running.bot.db).activeSnoozes(harness.clock.value);
    expect(remaining.map((active) => active.label)).toEqual(['North Clinic - Lobby · CorpGuest · 2.4 GHz']);

    const again = await running.command('snoozed');
    expect(replyText(await running.reply(again.responsePath))).toContain('*1 active snooze*');
  });

  it('rejects snoozed with a window', async () => {
    running = await startCommandBot();
    const { responsePath } = await running.command('snoozed 24h');
    const text = replyText(await running.reply(responsePath));
    expect(text).toContain('takes no window, filter or other keyword');
  });
});
