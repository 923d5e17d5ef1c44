import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningBot } from '../../src/bot.ts';
import { makeAgentIncident } from '../../src/simulator/sevensignal/index.ts';
import { ACTION_IDS } from '../../src/slack/messages/incident-buttons.ts';
import { AcknowledgementStore } from '../../src/store/acknowledgements.ts';
import { CHANNEL, startHarness, type Harness } from '../support/bot-harness.ts';
import { buttonOf, click, startTestBot } from '../slack/actions/button-support.ts';

let harness: Harness;
let bot: RunningBot | undefined;

beforeEach(async () => {
  harness = await startHarness();
});

afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await harness.close();
});

describe('button request signing', () => {
  // Each row: case and the signing options of the click.
  const rejected: Array<[string, { signature?: string | null; timestampSeconds?: number }]> = [
    ['unsigned', { signature: null }],
    ['wrongly signed', { signature: `v0=${'f'.repeat(64)}` }],
    ['stale', { timestampSeconds: Math.floor(Date.now() / 1000) - 6 * 60 }],
  ];

  for (const [name, signing] of rejected) {
    it(`rejects ${name} clicks`, async () => {
      const incident = makeAgentIncident({ startTimestamp: new Date(harness.clock.value - 1_800_000).toISOString() });
      harness.sevenSignal.addAgentIncident(incident);
      bot = await startTestBot(harness);
      await bot.poller.runCycle();
      const [message] = harness.slack.messages(CHANNEL);
      const callsBefore = harness.slack.calls.length;

      const response = await click(
        bot,
        { ...buttonOf(message!, 'Acknowledge'), actionId: ACTION_IDS.acknowledge, userId: 'U0MALLORY', ts: message!.ts },
        signing,
      );
      await new Promise((resolve) => setTimeout(resolve, 200));

      expect(response.status).toBe(401);
      expect(new AcknowledgementStore(bot.db).get('agent', incident.id!)).toBeUndefined();
      expect(bot.db.prepare('SELECT count(*) FROM action_audit').pluck().get()).toBe(0);
      expect(harness.slack.calls.length).toBe(callsBefore);
    });
  }
});
