import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAgentIncident } from '../../src/simulator/sevensignal/index.ts';
import { seededRandom } from '../support/seeded-random.ts';
import { CHANNEL } from '../support/bot-harness.ts';
import { startCommandBot, type CommandBot } from '../slack/commands/command-bot.ts';

const INPUTS = 1000;
const SEED = 4242;

/** Pieces that a generated input is put together from: grammar, quoting, mrkdwn, mentions, odd characters. */
const FRAGMENTS = [
  '24h', '7d', '90m', '45d', '2w', '0m', '91d', '3x', '-5h', '1e3h', '24 h', 'help', 'active', 'alerts', 'snoozed',
  'location:', 'location:"Main Campus - Floor 2"', 'location:"unterminated', 'location:“curly”', 'network:CorpWiFi',
  'band:5', 'band:7', 'band:', 'type:DNS', 'ssid:', ':', '""', '"', "'", '`code`', '*bold*', '_it_', '~strike~',
  '<!channel>', '<!here>', '<!everyone>', '<@U0ADMIN>', '<#C0GENERAL>', '<https://example.invalid|click>',
  '&amp;', '&lt;', '&gt;', '\u0000', '\u202e', '\ud83d\udca5', '\u00e9\u0301', '\u200b', '\t', '\n', '\\', '%', '%s', '${x}',
  'location:' + 'A'.repeat(300), '😀'.repeat(50),
];

function generateInput(random: () => number): string {
  const kind = random();

  // Random code points, including unpaired surrogates and controls.
  if (kind < 0.2) {
    const length = Math.floor(random() * 200);
    return Array.from({ length }, () => String.fromCharCode(Math.floor(random() * 0xffff))).join('');
  }

  // A huge string.
  if (kind < 0.25) {
    return FRAGMENTS[Math.floor(random() * FRAGMENTS.length)]!.repeat(1000 + Math.floor(random() * 4000));
  }

  // A few fragments joined by spaces or nothing.
  const count = 1 + Math.floor(random() * 6);
  const parts = Array.from({ length: count }, () => FRAGMENTS[Math.floor(random() * FRAGMENTS.length)]!);
  return parts.join(random() < 0.8 ? ' ' : '');
}

let commandBot: CommandBot;

beforeAll(async () => {
  commandBot = await startCommandBot({ LOG_LEVEL: 'warn' }, (harness) => {
    harness.sevenSignal.addAgentIncident(makeAgentIncident({ startTimestamp: new Date(harness.clock.value - 3_600_000).toISOString() }));
  });
});

afterAll(async () => {
  await commandBot.close();
});

describe('slash command fuzzing', () => {
  it(`answers ${INPUTS} generated inputs privately`, { timeout: 120_000 }, async () => {
    const random = seededRandom(SEED);
    const postsBefore = commandBot.harness.slack.messages(CHANNEL).length;
    const failures: string[] = [];

    for (let i = 0; i < INPUTS; i += 1) {
      const text = generateInput(random);
      const sent = await commandBot.command(text);
      if (sent.status !== 200) {
        failures.push(`#${i}: HTTP ${sent.status} for ${JSON.stringify(text.slice(0, 80))}`);
        continue;
      }

      const reply = await commandBot.reply(sent.responsePath, 10_000);
      const body = reply.body as { response_type?: string; text?: string };
      if (body.response_type !== undefined && body.response_type !== 'ephemeral') {
        failures.push(`#${i}: response_type ${body.response_type}`);
      }
      if (typeof body.text !== 'string' || body.text.length === 0) {
        failures.push(`#${i}: reply without text`);
      }
      if (/\bat \S+ \(|TypeError|ReferenceError/.test(JSON.stringify(body))) {
        failures.push(`#${i}: reply shows a stack trace or internal error`);
      }
    }

    expect(failures).toEqual([]);
    expect(commandBot.harness.slack.messages(CHANNEL)).toHaveLength(postsBefore);
    expect(commandBot.harness.slack.callsTo('chat.postMessage').filter((call) => call.args.channel === CHANNEL)).toHaveLength(postsBefore);
  });
});
