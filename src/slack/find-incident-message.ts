import { INCIDENT_EVENT_TYPE } from './messages/slack-message.ts';
import { classifySlackError, type SlackFailure } from './slack-errors.ts';
import type { SlackWebClient } from './web-client.ts';

/** Metadata that identifies a message of the bot. */
export interface IncidentMessageKey {
  eventType?: string;
  kind: string;
  id: string;
  /** Matches only messages whose metadata has this `state`, for state-change replies. */
  state?: string;
}

export type FindResult = { ok: true; ts: string | undefined } | { ok: false; failure: SlackFailure };

/** History pages read at most; older messages are not searched. */
const MAX_PAGES = 5;

interface HistoryMessage {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

function matches(message: HistoryMessage, key: IncidentMessageKey): boolean {
  const payload = message.metadata?.event_payload;
  return (
    message.metadata?.event_type === (key.eventType ?? INCIDENT_EVENT_TYPE) &&
    payload?.kind === key.kind &&
    payload.id === key.id &&
    (key.state === undefined || payload.state === key.state)
  );
}

/**
 * Searches the bot's messages in `channel` since `oldestMs` (or the replies in the thread of
 * `threadTs`) for one whose metadata names the incident, so that a post or reply Slack confirmed
 * just before the process stopped is found instead of being sent twice. Returns its `ts`, or
 * undefined when there is none.
 */
export async function findIncidentMessage(
  slack: SlackWebClient,
  channel: string,
  key: IncidentMessageKey,
  options: { oldestMs?: number; threadTs?: string; excludeTs?: string },
): Promise<FindResult> {
  let cursor: string | undefined;

  try {
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const common = { channel, include_all_metadata: true, limit: 200, ...(cursor ? { cursor } : {}) };
      const response =
        options.threadTs === undefined
          ? await slack.conversations.history({
              ...common,
              ...(options.oldestMs === undefined ? {} : { oldest: (options.oldestMs / 1000).toFixed(6) }),
            })
          : await slack.conversations.replies({ ...common, ts: options.threadTs });

      const found = (response.messages as HistoryMessage[] | undefined)?.find(
        (message) => message.ts !== options.excludeTs && matches(message, key),
      );
      if (found?.ts !== undefined) {
        return { ok: true, ts: found.ts };
      }

      cursor = response.response_metadata?.next_cursor;
      if (!response.has_more || !cursor) {
        return { ok: true, ts: undefined };
      }
    }
    return { ok: true, ts: undefined };
  } catch (error) {
    return { ok: false, failure: classifySlackError(error) };
  }
}
