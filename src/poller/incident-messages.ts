import type { Logger } from '../log/logger.ts';
import type { SlackFailure } from '../slack/slack-errors.ts';
import { buildIncidentMessage, type IncidentView, type SnoozeView } from '../slack/messages/incident-message.ts';
import type { SlackMessage } from '../slack/messages/slack-message.ts';
import { buildStateChangeReply, STATE_CHANGE_EVENT_TYPE } from '../slack/messages/state-change-reply.ts';
import { findIncidentMessage } from '../slack/find-incident-message.ts';
import type { SlackWebClient } from '../slack/web-client.ts';
import type { AcknowledgementStore } from '../store/acknowledgements.ts';
import type { IncidentLifecycleStore } from '../store/incident-lifecycle.ts';
import type { IncidentKind, IncidentRecord, IncidentStore } from '../store/incident-store.ts';
import { toIncidentView } from './incident-view.ts';
import { KeyedLock } from './keyed-lock.ts';
import { postMessage } from './post-incident.ts';
import { updateMessage } from './update-message.ts';

export interface IncidentMessagesOptions {
  slack: SlackWebClient;
  store: IncidentStore;
  lifecycle: IncidentLifecycleStore;
  acknowledgements: AcknowledgementStore;
  logger: Logger;
  /** Returns the active snooze of the incident's scope at `now`, which its message shows; none when unset. */
  snoozeOf?: (record: IncidentRecord, now: number) => SnoozeView | undefined;
}

/**
 * The result of an update of a posted message. `updated`: changed in place. `reposted`: posted
 * as a new message after the original was deleted. `message_not_found`: the original was deleted
 * and nothing was posted. `unchanged`: no state change was waiting. `not_posted`: the incident
 * has no message. `failed`: Slack rejected a call, and the caller tries again later.
 */
export type MessageOutcome =
  | { outcome: 'updated' | 'reposted' | 'message_not_found' | 'unchanged' | 'not_posted'; record?: IncidentRecord }
  | { outcome: 'failed'; failure: SlackFailure; record: IncidentRecord };

type PostedRecord = IncidentRecord & { channel: string; ts: string };

function isPosted(record: IncidentRecord | undefined): record is PostedRecord {
  return record !== undefined && record.status === 'posted' && record.channel !== null && record.ts !== null;
}

/**
 * Keeps posted incident messages in step with the database. The poller and the button handlers
 * share one instance: updates of the same incident run one at a time and each renders the state
 * read from SQLite when it starts, so the last update Slack receives shows the latest state.
 */
export class IncidentMessages {
  readonly lifecycle: IncidentLifecycleStore;
  readonly acknowledgements: AcknowledgementStore;
  private readonly lock = new KeyedLock();

  constructor(private readonly options: IncidentMessagesOptions) {
    this.lifecycle = options.lifecycle;
    this.acknowledgements = options.acknowledgements;
  }

  /** Builds the message of `record` from its data, state, acknowledgement and snooze in SQLite. */
  render(record: IncidentRecord, now: number): SlackMessage {
    return buildIncidentMessage(this.view(record, now), now);
  }

  /** Builds the view of `record` with its acknowledgement and the snooze of its scope. */
  view(record: IncidentRecord, now: number): IncidentView {
    const acknowledgement = this.acknowledgements.get(record.kind, record.id);
    return toIncidentView(record, acknowledgement, this.options.snoozeOf?.(record, now));
  }

  /** Updates the posted message of an incident in place to show the current state. */
  refresh(kind: IncidentKind, id: string, now: number): Promise<MessageOutcome> {
    return this.lock.run(`${kind}:${id}`, async () => {
      const record = this.options.store.get(kind, id);
      if (!isPosted(record)) {
        return { outcome: 'not_posted', record };
      }

      const result = await updateMessage(this.options.slack, record.channel, record.ts, this.render(record, now));
      if (!result.ok) {
        return result.failure.code === 'message_not_found'
          ? { outcome: 'message_not_found', record }
          : { outcome: 'failed', failure: result.failure, record };
      }

      this.lifecycle.markShown(kind, id, record.fingerprint);
      return { outcome: 'updated', record };
    });
  }

  /**
   * Announces a change of state that the message has not shown yet: updates the message in place
   * and posts one reply in its thread. When the message was deleted, the incident is posted again
   * as a new message, which later updates and clicks use. The announced state is recorded only
   * after Slack confirmed the reply or the new message, so a failure is retried and a success is
   * not repeated, also across restarts.
   */
  announce(kind: IncidentKind, id: string, now: number): Promise<MessageOutcome> {
    return this.lock.run(`${kind}:${id}`, async () => {
      const record = this.options.store.get(kind, id);
      if (!isPosted(record)) {
        return { outcome: 'not_posted', record };
      }
      if (record.state === record.announcedState) {
        return { outcome: 'unchanged', record };
      }

      const logger = this.options.logger.child({ kind, incidentId: id, channel: record.channel, ts: record.ts });
      const view = this.view(record, now);
      const message = buildIncidentMessage(view, now);

      const update = await updateMessage(this.options.slack, record.channel, record.ts, message);
      if (!update.ok && update.failure.code === 'message_not_found') {
        return this.repost(record, message, logger);
      }
      if (!update.ok) {
        return { outcome: 'failed', failure: update.failure, record };
      }

      // The process may have stopped after Slack confirmed this reply and before the database
      // recorded it, so the thread is searched first and a reply found there is not sent again.
      const earlier = await findIncidentMessage(
        this.options.slack,
        record.channel,
        { eventType: STATE_CHANGE_EVENT_TYPE, kind, id, state: record.state },
        { threadTs: record.threadTs ?? record.ts },
      );
      if (!earlier.ok && earlier.failure.code !== 'thread_not_found') {
        return { outcome: 'failed', failure: earlier.failure, record };
      }

      if (!earlier.ok || earlier.ts === undefined) {
        // A message in a digest thread gets its replies in that thread: Slack's chat.postMessage
        // documentation says to pass the parent's ts as thread_ts, not a reply's.
        const reply = await postMessage(this.options.slack, record.channel, buildStateChangeReply(view, now), logger, {
          threadTs: record.threadTs ?? record.ts,
        });
        // A message deleted between the update and the reply has no thread, so the announcement ends there.
        if (!reply.ok && reply.failure.code !== 'thread_not_found') {
          return { outcome: 'failed', failure: reply.failure, record };
        }
      }

      this.lifecycle.markAnnounced(kind, id, record.state, record.fingerprint);
      return { outcome: 'updated', record };
    });
  }

  private async repost(record: PostedRecord, message: SlackMessage, logger: Logger): Promise<MessageOutcome> {
    // A new message posted by an earlier attempt that stopped before the database recorded it is
    // in the history with the incident's metadata, and is adopted instead of posting again.
    const earlier = await findIncidentMessage(this.options.slack, record.channel, { kind: record.kind, id: record.id }, {
      oldestMs: Number(record.ts) * 1000,
      excludeTs: record.ts,
    });
    if (!earlier.ok) {
      return { outcome: 'failed', failure: earlier.failure, record };
    }
    if (earlier.ts !== undefined) {
      this.lifecycle.moveMessage(record.kind, record.id, record.channel, earlier.ts);
      this.lifecycle.markAnnounced(record.kind, record.id, record.state, record.fingerprint);
      return { outcome: 'reposted', record };
    }

    logger.info({ state: record.state }, 'The incident message was deleted in Slack; posting the change of state as a new message');
    const posted = await postMessage(this.options.slack, record.channel, message, logger);
    if (!posted.ok) {
      return { outcome: 'failed', failure: posted.failure, record };
    }

    this.lifecycle.moveMessage(record.kind, record.id, posted.channel, posted.ts);
    this.lifecycle.markAnnounced(record.kind, record.id, record.state, record.fingerprint);
    return { outcome: 'reposted', record };
  }
}
