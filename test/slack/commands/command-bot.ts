import { startBot, type RunningBot } from '../../../src/bot.ts';
import { SIGNING_SECRET, startHarness, type Harness } from '../../support/bot-harness.ts';
import {
  postBlockActions,
  postSlashCommand,
  startResponseUrlServer,
  type ResponseUrlPost,
  type ResponseUrlServer,
  type SignedRequestOptions,
  type SlackRequestResult,
} from '../../support/slack-requests.ts';

/** A bot on loopback against both fakes, with a response_url server that records the replies. */
export interface CommandBot {
  harness: Harness;
  bot: RunningBot;
  responses: ResponseUrlServer;
  eventsUrl: string;
  /** Sends `/wifi-incidents text` as a signed request; each command gets its own response_url path. */
  command(text: string, options?: SignedRequestOptions): Promise<SlackRequestResult & { responsePath: string }>;
  /** Waits for the next reply posted to `path`. */
  reply(path: string, timeoutMs?: number): Promise<ResponseUrlPost>;
  /** Clicks a button of a reply, as Slack sends it, with the given response_url path. */
  click(button: { action_id: string; value?: string }, responsePath: string): Promise<SlackRequestResult>;
  close(): Promise<void>;
}

let commandCount = 0;

/** Starts the fakes, the response_url server and the bot, and waits for the bot's first poll cycle. */
export async function startCommandBot(settings: Record<string, string> = {}, prepare?: (harness: Harness) => void): Promise<CommandBot> {
  const harness = await startHarness({ logLevel: 'info' });
  prepare?.(harness);
  const responses = await startResponseUrlServer();

  const bot = await startBot({
    // A schedule that does not fire during a test, and one summary post on the first cycle.
    config: harness.config({ POLL_SCHEDULE: '0 0 1 1 *', FIRST_RUN: 'summary', ...settings }),
    logger: harness.logger,
    now: harness.clock.now,
    host: '127.0.0.1',
    slackRetries: 0,
  });
  await bot.poller.runCycle();
  const eventsUrl = `http://127.0.0.1:${bot.port}/slack/events`;

  const reply = async (path: string, timeoutMs = 5000): Promise<ResponseUrlPost> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = responses.responses.find((post) => post.path === path);
      if (found !== undefined) {
        return found;
      }
      if (Date.now() > deadline) {
        throw new Error(`No reply posted to ${path} within ${timeoutMs} ms; posts: ${responses.responses.map((post) => post.path).join(', ')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  return {
    harness,
    bot,
    responses,
    eventsUrl,
    async command(text, options) {
      commandCount += 1;
      const responsePath = `/response-url/command-${commandCount}`;
      const url = responses.url.replace('/response-url', responsePath);
      const result = await postSlashCommand(eventsUrl, SIGNING_SECRET, { command: '/wifi-incidents', text, response_url: url }, options);
      return { ...result, responsePath };
    },
    reply,
    click(button, responsePath) {
      const payload = {
        type: 'block_actions',
        team: { id: 'T0000FAKE', domain: 'fake-workspace' },
        user: { id: 'U0CLICKER', username: 'clicker', team_id: 'T0000FAKE' },
        api_app_id: 'A0000FAKE',
        token: 'deprecated-verification-token',
        trigger_id: '1000000000.1000000000.abcdef',
        channel: { id: 'C0000TEST', name: 'wifi-incidents' },
        container: { type: 'message', message_ts: '1733333333.000100', channel_id: 'C0000TEST', is_ephemeral: true },
        response_url: responses.url.replace('/response-url', responsePath),
        actions: [{ type: 'button', block_id: 'b', text: { type: 'plain_text', text: 'Post to channel' }, action_ts: '1733333334.000200', ...button }],
      };
      return postBlockActions(eventsUrl, SIGNING_SECRET, payload);
    },
    async close() {
      await bot.stop();
      await responses.close();
      await harness.close();
    },
  };
}

/** Returns the whole reply body as JSON text, for searching. */
export function replyText(post: ResponseUrlPost): string {
  return JSON.stringify(post.body);
}
