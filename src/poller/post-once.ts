import type { Logger } from '../log/logger.ts';
import type { SlackMessage } from '../slack/messages/slack-message.ts';
import type { SlackWebClient } from '../slack/web-client.ts';
import type { IncidentRecord, IncidentStore } from '../store/incident-store.ts';
import { postTracked, type TrackedPostResult } from './post-tracked.ts';

/**
 * Posts a pending incident at most once. When an earlier attempt was started, the channel history
 * is searched first for a message whose metadata names the incident: Slack may have confirmed that
 * post just before the process stopped, before the database recorded it. Otherwise the attempt is
 * recorded, then the message is posted. With `threadTs` the incident is posted in that thread,
 * which is then searched instead of the history.
 */
export async function postIncidentOnce(
  slack: SlackWebClient,
  store: IncidentStore,
  record: IncidentRecord,
  channel: string,
  message: SlackMessage,
  now: number,
  logger: Logger,
  options: { threadTs?: string } = {},
): Promise<TrackedPostResult> {
  return postTracked(
    slack,
    channel,
    message,
    {
      key: { kind: record.kind, id: record.id },
      attemptedAt: record.postAttemptedAt,
      markAttempt: () => store.markPostAttempt(record.kind, record.id, now),
      ...options,
    },
    logger,
  );
}
