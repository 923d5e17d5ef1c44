import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeAgentIncident } from '../../src/simulator/sevensignal/index.ts';
import type { FakeSlackMessage } from '../../src/simulator/slack/index.ts';
import type { AgentIncident } from '../../src/sevensignal/types.ts';
import type { RunningBot } from '../../src/bot.ts';
import { SLACK_EVENTS_PATH } from '../../src/slack/slack-app.ts';
import { SIGNING_SECRET, type Harness } from '../support/bot-harness.ts';
import { postBlockActions, type SlackRequestResult } from '../support/slack-requests.ts';

const MINUTE = 60_000;

/** Writes `text` as the routes file in the harness folder and returns the settings that use it. */
export function useRoutes(harness: Harness, text: string, name = 'routes.yaml'): Record<string, string> {
  const path = join(harness.folder, name);
  writeFileSync(path, text);
  return { ROUTES_FILE: path };
}

/** Adds an ongoing agent incident that started an hour ago to the fake 7SIGNAL API, in the fake's default organization unless given. */
export function addIncident(harness: Harness, overrides: Partial<AgentIncident> = {}, options: { organization?: string } = {}): AgentIncident {
  const incident = makeAgentIncident({ startTimestamp: new Date(harness.clock.value - 60 * MINUTE).toISOString(), ...overrides });
  harness.sevenSignal.addAgentIncident(incident, options);
  return incident;
}

/** Messages of `channel` whose metadata names an incident, top-level or in a digest thread. */
export function incidentMessages(harness: Harness, channel: string): FakeSlackMessage[] {
  return harness.slack.messages(channel).filter((message) => message.metadata?.event_type === 'wifi_incident');
}

/** Returns the ids of the incidents with a message in `channel`, sorted. */
export function incidentIdsIn(harness: Harness, channel: string): string[] {
  return incidentMessages(harness, channel)
    .map((message) => String(message.metadata!.event_payload.id))
    .sort();
}

/** Digest messages of `channel`. */
export function digestsIn(harness: Harness, channel: string): FakeSlackMessage[] {
  return harness.slack.messages(channel).filter((message) => message.metadata?.event_type === 'wifi_incident_digest');
}

/** Returns the message of incident `id` in `channel`; throws when there is none. */
export function incidentMessage(harness: Harness, channel: string, id: string): FakeSlackMessage {
  const message = incidentMessages(harness, channel).find((candidate) => candidate.metadata!.event_payload.id === id);
  if (message === undefined) {
    throw new Error(`No message for incident ${id} in ${channel}`);
  }
  return message;
}

/** Failed Slack calls of any method. */
export function failedSlackCalls(harness: Harness): Array<{ method: string; error: unknown }> {
  return harness.slack.calls.filter((call) => call.response.ok !== true).map((call) => ({ method: call.method, error: call.response.error }));
}

/** Sends a signed click on a button of a message in `channel` into the bot's receiver, as Slack does. */
export function clickIn(
  bot: RunningBot,
  click: { channel: string; actionId: string; value: string; userId: string; ts: string },
): Promise<SlackRequestResult> {
  const payload = {
    type: 'block_actions',
    team: { id: 'T0000FAKE', domain: 'fake-workspace' },
    user: { id: click.userId, username: click.userId.toLowerCase(), team_id: 'T0000FAKE' },
    api_app_id: 'A0000FAKE',
    token: 'deprecated-verification-token',
    trigger_id: '1000000000.1000000000.abcdef',
    channel: { id: click.channel, name: click.channel.toLowerCase() },
    container: { type: 'message', message_ts: click.ts, channel_id: click.channel, is_ephemeral: false },
    message: { type: 'message', ts: click.ts, text: 'incident' },
    // Nothing listens here: the bot replies through chat.postEphemeral, not the response_url.
    response_url: 'http://127.0.0.1:9/response-url',
    actions: [
      {
        type: 'button',
        action_id: click.actionId,
        block_id: 'incident_actions',
        value: click.value,
        text: { type: 'plain_text', text: 'button' },
        action_ts: '1733333334.000200',
      },
    ],
  };
  return postBlockActions(`http://127.0.0.1:${bot.port}${SLACK_EVENTS_PATH}`, SIGNING_SECRET, payload);
}
