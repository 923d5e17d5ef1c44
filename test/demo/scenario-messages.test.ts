import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../../src/bot.ts';
import { DEFAULT_SCENARIO } from '../../src/demo/demo-arguments.ts';
import { DEMO_BOT_USER, DEMO_CHANNEL, DEMO_VIEWER, demoConfig, makeDemoSecrets } from '../../src/demo/demo-settings.ts';
import { createLogger } from '../../src/log/logger.ts';
import { WIFI_INCIDENTS_COMMAND } from '../../src/slack/commands/usage-message.ts';
import { SLACK_EVENTS_PATH } from '../../src/slack/slack-app.ts';
import { loadScenario, ScenarioRunner } from '../../src/simulator/scenario/index.ts';
import { startFakeSevenSignal, type FakeSevenSignal } from '../../src/simulator/sevensignal/index.ts';
import { renderMessageContent, startSlackStandIn, type MessageContent, type RenderProblem, type SlackStandIn } from '../../src/simulator/slack-page/index.ts';
import { startFakeSlack, type FakeSlack, type FakeSlackMessage } from '../../src/simulator/slack/index.ts';
import { TestClock } from '../support/bot-harness.ts';

const STEP_MS = 5000;

/** One message the bot sent, from a Web API call or a reply to an interaction. */
interface Emitted {
  origin: string;
  content: MessageContent;
}

function buttonPosition(message: FakeSlackMessage, actionId: string): { block: number; element: number } | undefined {
  const blocks = (message.blocks ?? []) as Array<{ type?: string; elements?: Array<{ action_id?: string }> }>;
  for (const [block, candidate] of blocks.entries()) {
    const element = candidate.type === 'actions' ? (candidate.elements ?? []).findIndex((item) => item.action_id === actionId) : -1;
    if (element >= 0) {
      return { block, element };
    }
  }
  return undefined;
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Plays the default scenario against the real bot on a fast clock, clicks every kind of button and
 * runs several commands, then renders every message the bot sent through the page's renderer.
 */
describe('scenario messages on the page', () => {
  const clock = new TestClock(Date.now());
  const folder = mkdtempSync(join(tmpdir(), 'scenario-messages-'));
  const emitted: Emitted[] = [];
  let sevenSignal: FakeSevenSignal;
  let slack: FakeSlack;
  let bot: RunningBot;
  let standIn: SlackStandIn;
  let runner: ScenarioRunner;

  const channelMessages = (): FakeSlackMessage[] => slack.messages(DEMO_CHANNEL.id);
  const find = (actionId: string): FakeSlackMessage | undefined => channelMessages().find((message) => buttonPosition(message, actionId) !== undefined);

  async function click(message: FakeSlackMessage, actionId: string): Promise<void> {
    const position = buttonPosition(message, actionId);
    if (position === undefined) {
      throw new Error(`message ${message.ts} has no ${actionId} button`);
    }
    const result = await standIn.interactions.click(`m:${message.ts}`, position.block, position.element);
    expect(result).toEqual({ ok: true });
  }

  async function advanceTo(offsetMs: number): Promise<void> {
    while (clock.value < runner.startedAt + offsetMs) {
      clock.advance(STEP_MS);
      runner.applyDue(clock.value);
      await bot.poller.runCycle();
    }
  }

  beforeAll(async () => {
    const secrets = makeDemoSecrets();
    sevenSignal = await startFakeSevenSignal({ clientId: secrets.clientId, clientSecret: secrets.clientSecret, now: clock.now });
    slack = await startFakeSlack({ botToken: secrets.botToken, botUserId: DEMO_BOT_USER.id, now: clock.now });
    slack.onCall((call) => {
      if (['chat.postMessage', 'chat.update', 'chat.postEphemeral'].includes(call.method) && call.response.ok === true) {
        emitted.push({ origin: `${call.method} ${String(call.args.text).slice(0, 60)}`, content: call.args as MessageContent });
      }
    });

    runner = new ScenarioRunner(await loadScenario(DEFAULT_SCENARIO), sevenSignal, clock.value);
    runner.applyDue(clock.value);

    const config = demoConfig(secrets, { sevenSignal: sevenSignal.url, slack: slack.url }, folder);
    bot = await startBot({
      // A schedule that never fires during the test: the test runs each cycle itself.
      config: { ...config, poll: { ...config.poll, schedule: '0 0 1 1 *' } },
      logger: createLogger('silent'),
      now: clock.now,
      host: '127.0.0.1',
      slackRetries: 0,
    });
    await bot.poller.runCycle();

    standIn = await startSlackStandIn({
      slack,
      app: { url: `http://127.0.0.1:${bot.port}${SLACK_EVENTS_PATH}`, signingSecret: secrets.signingSecret },
      channel: DEMO_CHANNEL,
      viewer: DEMO_VIEWER,
      appUser: DEMO_BOT_USER,
      commands: [WIFI_INCIDENTS_COMMAND],
      now: clock.now,
      onReply: (source, payload) => emitted.push({ origin: `reply to ${source.label}`, content: payload as MessageContent }),
    });

    // Acknowledge the first agent incident, then take it back and acknowledge it again.
    await advanceTo(10_000);
    const incident = find('incident_acknowledge')!;
    await click(incident, 'incident_acknowledge');
    await waitFor(() => buttonPosition(channelMessages().find((message) => message.ts === incident.ts)!, 'incident_unacknowledge') !== undefined, 'the Unacknowledge button');
    await click(channelMessages().find((message) => message.ts === incident.ts)!, 'incident_unacknowledge');
    await waitFor(() => buttonPosition(channelMessages().find((message) => message.ts === incident.ts)!, 'incident_acknowledge') !== undefined, 'the Acknowledge button');

    // Resolve the DHCP alert twice at once: the second click finds it resolved and gets a private reply.
    await advanceTo(40_000);
    const alert = channelMessages().find((message) => message.text?.includes('dhcp_failure_rate') && buttonPosition(message, 'incident_resolve') !== undefined)!;
    await Promise.all([click(alert, 'incident_resolve'), click(alert, 'incident_resolve')]);
    await waitFor(() => slack.ephemeralMessages(DEMO_CHANNEL.id).length > 0, 'the reply to the second Resolve click');

    for (const text of ['24h', 'alerts', 'help', '7d location:"Main Campus - Floor 2" band:5', 'active', 'nonsense!', '45d alerts active']) {
      expect(await standIn.interactions.runCommand(`${WIFI_INCIDENTS_COMMAND} ${text}`)).toEqual({ ok: true });
    }
    await waitFor(() => emitted.filter((message) => message.origin.startsWith('reply to')).length >= 7, 'seven command replies');

    const share = standIn.channel.entries().find((entry) => entry.ephemeral && JSON.stringify(entry.content.blocks ?? []).includes('Post to channel'))!;
    const shareBlock = (share.content.blocks as Array<{ type: string }>).findIndex((block) => block.type === 'actions');
    expect(await standIn.interactions.click(share.key, shareBlock, 0)).toEqual({ ok: true });
    await waitFor(() => emitted.some((message) => message.origin === 'reply to the "Post to channel" button' && JSON.stringify(message.content).includes('posted by')), 'the shared result');

    await advanceTo(runner.lastOffset + 2 * STEP_MS);
  }, 60_000);

  afterAll(async () => {
    await standIn?.close();
    await bot?.stop();
    await Promise.all([sevenSignal?.close(), slack?.close()]);
    rmSync(folder, { recursive: true, force: true });
  });

  it('bot sent every kind of message', () => {
    const calls = slack.calls.filter((call) => call.response.ok === true);

    expect(calls.filter((call) => call.method === 'chat.postMessage' && call.args.thread_ts === undefined).length).toBeGreaterThanOrEqual(6);
    expect(calls.filter((call) => call.method === 'chat.postMessage' && call.args.thread_ts !== undefined).length).toBeGreaterThanOrEqual(3);
    expect(calls.filter((call) => call.method === 'chat.update').length).toBeGreaterThanOrEqual(5);
    expect(calls.filter((call) => call.method === 'chat.postEphemeral').length).toBeGreaterThanOrEqual(1);
    expect(emitted.filter((message) => message.origin.startsWith('reply to')).length).toBeGreaterThanOrEqual(9);
  });

  it('renders every emitted message', () => {
    const problems: Array<RenderProblem & { origin: string }> = [];
    for (const message of emitted) {
      const rendered = renderMessageContent(message.content, { messageKey: 'm:0', userName: () => undefined });
      problems.push(...rendered.problems.map((problem) => ({ origin: message.origin, ...problem })));
    }

    expect(problems).toEqual([]);
  });

  it('renders the final channel', () => {
    const view = standIn.view();

    expect(view.problems).toEqual([]);
    expect(view.html).not.toContain('data-unrendered');
    expect(view.html).toContain('<div class="thread">');
    expect(view.messageCount).toBeGreaterThanOrEqual(15);
  });
});
