import type { Logger } from '../log/logger.ts';
import { findIncidentMessage, type IncidentMessageKey } from '../slack/find-incident-message.ts';
import type { SlackMessage } from '../slack/messages/slack-message.ts';
import type { SlackWebClient } from '../slack/web-client.ts';
import { postMessage, type PostResult } from './post-incident.ts';

/** How far before a recorded post attempt the channel history is searched, for clock skew. */
const HISTORY_MARGIN_MS = 60_000;

/** The metadata that finds a message again, and when its last post was started. */
export interface PostTracking {
  /** The metadata that identifies the message. */
  key: IncidentMessageKey;
  /** When an earlier post of the message was started; null before the first attempt. */
  attemptedAt: number | null;
  /** Records in the database that a post starts now. */
  markAttempt: () => void;
  /** Posts the message as a reply in this thread; the thread is then searched instead of the channel history. */
  threadTs?: string;
}

export type TrackedPostResult = PostResult & { found?: boolean };

/**
 * Posts `message` to `channel` at most once across crashes. When an earlier attempt was started,
 * the channel history (or the thread) is searched first for a message with the tracked metadata:
 * Slack may have confirmed that post just before the process stopped, before the database
 * recorded it. A message found there is returned with `found`. Otherwise the attempt is recorded,
 * then the message is posted.
 */
export async function postTracked(
  slack: SlackWebClient,
  channel: string,
  message: SlackMessage,
  tracking: PostTracking,
  logger: Logger,
): Promise<TrackedPostResult> {
  if (tracking.attemptedAt !== null) {
    const where = tracking.threadTs === undefined ? { oldestMs: tracking.attemptedAt - HISTORY_MARGIN_MS } : { threadTs: tracking.threadTs };
    const earlier = await findIncidentMessage(slack, channel, tracking.key, where);
    if (!earlier.ok) {
      return earlier;
    }
    if (earlier.ts !== undefined) {
      logger.info({ ts: earlier.ts }, 'Found the message already posted by an earlier attempt; recording that message');
      return { ok: true, channel, ts: earlier.ts, found: true };
    }
  }

  tracking.markAttempt();
  return postMessage(slack, channel, message, logger, tracking.threadTs === undefined ? {} : { threadTs: tracking.threadTs });
}
