import { afterEach, describe, expect, it } from 'vitest';
import { makeAgentIncident, SAMPLE_LOCATIONS } from '../../../src/simulator/sevensignal/index.ts';
import { validateBlocks } from '../../../src/simulator/slack/block-validation.ts';
import type { AgentIncident } from '../../../src/sevensignal/types.ts';
import { POST_TO_CHANNEL_ACTION_ID } from '../../../src/slack/commands/shared-query.ts';
import type { ResponseUrlPost } from '../../support/slack-requests.ts';
import { replyText, startCommandBot, type CommandBot } from './command-bot.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const FLOOR_2 = SAMPLE_LOCATIONS[0]!;

let running: CommandBot | undefined;

afterEach(async () => {
  await running?.close();
  running = undefined;
});

function incidentStartedAgo(now: number, ago: number, type: string) {
  return makeAgentIncident({
    startTimestamp: new Date(now - ago).toISOString(),
    location: FLOOR_2.id,
    locationName: FLOOR_2.name,
    type,
    band: 5,
  });
}

/** Returns the value of the "Post to channel" button in a reply. */
function shareButtonValue(post: ResponseUrlPost): string {
  const actions = (post.body.blocks as Array<{ type: string; elements?: Array<{ action_id?: string; value?: string }> }>).find(
    (block) => block.type === 'actions',
  );
  const button = actions?.elements?.find((element) => element.action_id === POST_TO_CHANNEL_ACTION_ID);
  if (button?.value === undefined) {
    throw new Error(`The reply has no Post to channel button: ${replyText(post)}`);
  }
  return button.value;
}

async function waitForPosts(bot: CommandBot, path: string, count: number): Promise<ResponseUrlPost[]> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const posts = bot.responses.responses.filter((post) => post.path === path);
    if (posts.length >= count) {
      return posts;
    }
    if (Date.now() > deadline) {
      throw new Error(`Expected ${count} posts to ${path}, received ${posts.length}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('Post to channel button', () => {
  it('posts the same result in the channel', async () => {
    const bot = (running = await startCommandBot({}, (harness) => {
      harness.sevenSignal.addAgentIncident(incidentStartedAgo(harness.clock.value, HOUR, 'FIRST'));
    }));
    const sent = await bot.command('7d location:"Main Campus - Floor 2" band:5');
    const privateReply = await bot.reply(sent.responsePath);

    const clicked = await bot.click({ action_id: POST_TO_CHANNEL_ACTION_ID, value: shareButtonValue(privateReply) }, '/response-url/click-1');
    const [posted, confirmation] = await waitForPosts(bot, '/response-url/click-1', 2);

    expect(clicked.status).toBe(200);
    expect(posted?.body.response_type).toBe('in_channel');
    expect(posted?.body.replace_original).toBe(false);
    expect(posted?.body.text).toBe(privateReply.body.text);
    expect(replyText(posted!)).toContain('*FIRST*');
    expect(replyText(posted!)).toContain('posted by <@U0CLICKER>');
    expect(replyText(posted!)).not.toContain(POST_TO_CHANNEL_ACTION_ID);
    expect(validateBlocks(posted?.body.blocks)).toBeUndefined();

    expect(confirmation?.body.replace_original).toBe(true);
    expect(confirmation?.body.response_type).toBe('ephemeral');
    expect(confirmation?.body.text).toBe('You posted this result to the channel.');
  });

  it('keeps the window of the first reply', async () => {
    let first: AgentIncident | undefined;
    const bot = (running = await startCommandBot({}, (harness) => {
      first = incidentStartedAgo(harness.clock.value, HOUR, 'FIRST');
      harness.sevenSignal.addAgentIncident(first);
    }));
    const askedAt = bot.harness.clock.value;
    const sent = await bot.command('2h');
    const privateReply = await bot.reply(sent.responsePath);

    // An hour later the first incident has ended and a new one has qualified.
    bot.harness.clock.advance(HOUR);
    bot.harness.sevenSignal.updateAgentIncident(first!.id!, { endTimestamp: new Date(askedAt + 30 * MINUTE).toISOString() });
    bot.harness.sevenSignal.addAgentIncident(incidentStartedAgo(bot.harness.clock.value, 20 * MINUTE, 'LATER'));
    const before = bot.harness.sevenSignal.requests.length;

    await bot.click({ action_id: POST_TO_CHANNEL_ACTION_ID, value: shareButtonValue(privateReply) }, '/response-url/click-2');
    const [posted] = await waitForPosts(bot, '/response-url/click-2', 1);

    const listing = bot.harness.sevenSignal.requests.slice(before).find((request) => request.path === '/incidents/agents');
    expect(Number(listing?.query.to)).toBe(askedAt);
    expect(Number(listing?.query.from)).toBe(askedAt - 2 * HOUR);
    expect(posted?.body.text).toBe('1 incident in the last 2 hours, 1 still active');
    expect(replyText(posted!)).not.toContain('LATER');
  });

  it('rejects an unreadable value', async () => {
    const bot = (running = await startCommandBot());

    await bot.click({ action_id: POST_TO_CHANNEL_ACTION_ID, value: 'not a query' }, '/response-url/click-3');
    const [reply] = await waitForPosts(bot, '/response-url/click-3', 1);

    expect(reply?.body.response_type).toBe('ephemeral');
    expect(reply?.body.replace_original).toBe(false);
    expect(reply?.body.text).toBe('This button could not be read. Run /wifi-incidents again to get a new one.');
    expect(bot.harness.logs.find('Rejected a Post to channel button')).toHaveLength(1);
  });

  it('reports a failed query privately', async () => {
    const bot = (running = await startCommandBot());
    const sent = await bot.command('24h');
    const privateReply = await bot.reply(sent.responsePath);
    bot.harness.sevenSignal.failNext('/incidents/agents', { status: 403 }, 10);

    await bot.click({ action_id: POST_TO_CHANNEL_ACTION_ID, value: shareButtonValue(privateReply) }, '/response-url/click-4');
    const posts = await waitForPosts(bot, '/response-url/click-4', 1);

    expect(posts).toHaveLength(1);
    expect(posts[0]?.body.response_type).toBe('ephemeral');
    expect(posts[0]?.body.replace_original).toBe(false);
    expect(posts[0]?.body.text).toMatch(/^7SIGNAL denied the API key access to incidents \(HTTP 403\)/);
  });
});
