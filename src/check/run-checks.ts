import type { Config } from '../config/config.ts';
import type { Logger } from '../log/logger.ts';
import { createSevenSignalClient } from '../sevensignal/client.ts';
import { classifySlackError } from '../slack/slack-errors.ts';
import { createSlackWebClient, type SlackWebClient } from '../slack/web-client.ts';

/** The outcome of one start-up check. */
export interface CheckResult {
  name: string;
  ok: boolean;
  /** The finding, or the failure and how to fix it. */
  detail: string;
}

async function checkSevenSignalToken(config: Config, logger: Logger): Promise<CheckResult> {
  const name = '7SIGNAL API key';
  const client = createSevenSignalClient({
    baseUrl: config.sevenSignal.apiUrl,
    clientId: config.sevenSignal.clientId,
    clientSecret: config.sevenSignal.clientSecret,
    timeoutMs: config.sevenSignal.timeoutMs,
    logger,
    retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
  });

  try {
    await client.tokens.get();
    return { name, ok: true, detail: `token issued by ${config.sevenSignal.apiUrl}` };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const code = (error as { code?: unknown }).code;
    // A rejected key's message names the settings to fix already.
    if (code === 'invalid_credentials') {
      return { name, ok: false, detail: message };
    }
    if (code === 'network' || code === 'timeout') {
      return { name, ok: false, detail: `${message}. Check SEVENSIGNAL_API_URL and that this host can reach it.` };
    }
    return { name, ok: false, detail: `${message}. Check SEVENSIGNAL_API_URL, SEVENSIGNAL_CLIENT_ID and SEVENSIGNAL_CLIENT_SECRET.` };
  }
}

async function checkSlackToken(slack: SlackWebClient, config: Config): Promise<CheckResult> {
  const name = 'Slack bot token';
  try {
    const identity = await slack.auth.test();
    return { name, ok: true, detail: `bot ${String(identity.user)} in workspace ${String(identity.team)}` };
  } catch (error) {
    const failure = classifySlackError(error);
    return { name, ok: false, detail: `auth.test at ${config.slack.apiUrl} failed with ${failure.code}: ${failure.fix}` };
  }
}

/**
 * Checks that the bot may post to the channel by scheduling a message a day ahead and deleting it
 * at once, so that no test post appears in the channel.
 */
async function checkChannel(slack: SlackWebClient, channel: string, purpose: string, now: number): Promise<CheckResult> {
  const name = `Posting to ${channel}`;
  try {
    const scheduled = await slack.chat.scheduleMessage({
      channel,
      text: 'wifi-incidents set-up check',
      post_at: Math.floor(now / 1000) + 86_400,
    });
    if (typeof scheduled.scheduled_message_id === 'string') {
      await slack.chat.deleteScheduledMessage({
        channel: typeof scheduled.channel === 'string' ? scheduled.channel : channel,
        scheduled_message_id: scheduled.scheduled_message_id,
      });
    }
    return { name, ok: true, detail: `the bot may post to ${purpose}` };
  } catch (error) {
    const failure = classifySlackError(error);
    return { name, ok: false, detail: `Slack answered ${failure.code}: ${failure.fix}` };
  }
}

/** Returns each channel of the routes file other than SLACK_CHANNEL, with the lines of its routes. */
function routeChannels(config: Config): Map<string, number[]> {
  const channels = new Map<string, number[]>();
  for (const route of config.routing.routes) {
    if (route.channel !== config.slack.channel) {
      channels.set(route.channel, [...(channels.get(route.channel) ?? []), route.line]);
    }
  }
  return channels;
}

/**
 * Runs the set-up checks one after the other: the 7SIGNAL API key, the Slack bot token, and
 * posting to SLACK_CHANNEL and to each channel of the routes file. Settings were validated before.
 */
export async function runChecks(config: Config, logger: Logger, now: number = Date.now()): Promise<CheckResult[]> {
  const slack = createSlackWebClient({ botToken: config.slack.botToken, apiUrl: config.slack.apiUrl, logger, retries: 0 });
  const results: CheckResult[] = [{ name: 'Settings', ok: true, detail: 'all settings are valid' }];

  results.push(await checkSevenSignalToken(config, logger));

  const token = await checkSlackToken(slack, config);
  results.push(token);
  if (token.ok) {
    results.push(await checkChannel(slack, config.slack.channel, 'SLACK_CHANNEL', now));
    for (const [channel, lines] of routeChannels(config)) {
      const routes = lines.length === 1 ? `the route at line ${lines[0]}` : `the routes at lines ${lines.join(', ')}`;
      results.push(await checkChannel(slack, channel, `the channel of ${routes} of ROUTES_FILE`, now));
    }
  }

  return results;
}

/** Formats one check as a line: `ok` or `FAIL`, the check's name and its detail. */
export function formatCheck(result: CheckResult): string {
  return `${result.ok ? 'ok  ' : 'FAIL'} ${result.name}: ${result.detail}`;
}
