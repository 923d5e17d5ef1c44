import type { Logger } from '../log/logger.ts';
import { findIncidentMessage } from '../slack/find-incident-message.ts';
import type { SlackMessage } from '../slack/messages/slack-message.ts';
import type { SlackWebClient } from '../slack/web-client.ts';
import type { IncidentRecord, IncidentStore } from '../store/incident-store.ts';
import { postMessage, type PostResult } from './post-incident.ts';

/** How far before a recorded post attempt the channel history is searched, for clock skew. */
const HISTORY_MARGIN_MS = 60_000;

/**
 * Posts a pending incident at most once. When an earlier attempt was started, the channel history
 * is searched first for a message whose metadata names the incident: Slack may have confirmed that
 * post just before the process stopped, before the database recorded it. Otherwise the attempt is
 * recorded, then the message is posted.
 */
export async function postIncidentOnce(
  slack: SlackWebClient,
  store: IncidentStore,
  record: IncidentRecord,
  channel: string,
  message: SlackMessage,
  now: number,
  logger: Logger,
): Promise<PostResult & { found?: boolean }> {
  if (record.postAttemptedAt !== null) {
    const earlier = await findIncidentMessage(slack, channel, { kind: record.kind, id: record.id }, {
      oldestMs: record.postAttemptedAt - HISTORY_MARGIN_MS,
    });
    if (!earlier.ok) {
      return earlier;
    }
    if (earlier.ts !== undefined) {
      logger.info({ ts: earlier.ts }, 'Found the incident already posted by an earlier attempt; recording that message');
      return { ok: true, channel, ts: earlier.ts, found: true };
    }
  }

  store.markPostAttempt(record.kind, record.id, now);
  return postMessage(slack, channel, message, logger);
}
