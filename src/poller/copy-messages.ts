import type { Logger } from '../log/logger.ts';
import { findIncidentMessage } from '../slack/find-incident-message.ts';
import { buildIncidentMessage } from '../slack/messages/incident-message.ts';
import { buildStateChangeReply, STATE_CHANGE_EVENT_TYPE } from '../slack/messages/state-change-reply.ts';
import type { SlackFailure } from '../slack/slack-errors.ts';
import type { SlackWebClient } from '../slack/web-client.ts';
import type { IncidentCopy, IncidentCopyStore } from '../store/incident-copies.ts';
import type { IncidentKind } from '../store/incident-store.ts';
import type { IncidentMessages } from './incident-messages.ts';
import { KeyedLock } from './keyed-lock.ts';
import { postMessage } from './post-incident.ts';
import { updateMessage } from './update-message.ts';

/**
 * The result of an update of a copy: `updated` in place, `deleted` when its message is gone (the
 * copy is then left alone), `unchanged` when nothing was waiting, `failed` to try again later.
 */
export type CopyOutcome = { outcome: 'updated' | 'deleted' | 'unchanged' } | { outcome: 'failed'; failure: SlackFailure };

export interface CopyMessagesOptions {
  slack: SlackWebClient;
  copies: IncidentCopyStore;
  /** Renders incident messages from SQLite, the same way for main messages and copies. */
  messages: IncidentMessages;
  logger: Logger;
}

type PostedCopy = IncidentCopy & { ts: string };

/**
 * Keeps the copies of incident messages in further channels in step with the database, as
 * IncidentMessages does for the main messages. The poller and the button handlers share one
 * instance, so updates of one copy run one at a time and each renders the state read when it starts.
 */
export class CopyMessages {
  private readonly lock = new KeyedLock();

  constructor(private readonly options: CopyMessagesOptions) {}

  private read(copy: IncidentCopy): PostedCopy | undefined {
    const current = this.options.copies.get(copy.record.kind, copy.record.id, copy.channel);
    return current?.status === 'posted' && current.ts !== null ? (current as PostedCopy) : undefined;
  }

  /** Returns the posted copies of an incident. */
  postedCopiesOf(kind: IncidentKind, id: string): IncidentCopy[] {
    return this.options.copies.postedCopies(kind, id);
  }

  /**
   * Updates every posted copy of an incident to show its current state, as after a button click.
   * A copy whose update failed is marked outdated, so the next poll cycle refreshes it.
   */
  async refreshAll(kind: IncidentKind, id: string, now: number): Promise<CopyOutcome[]> {
    const copies = this.options.copies.postedCopies(kind, id);
    const outcomes = await Promise.all(copies.map((copy) => this.refresh(copy, now)));
    outcomes.forEach((outcome, index) => {
      if (outcome.outcome === 'failed') {
        const copy = copies[index]!;
        this.options.copies.markStale(copy);
        this.options.logger.error(
          { kind, incidentId: id, channel: copy.channel, slackError: outcome.failure.code },
          `Updating a copy of the incident message failed: ${outcome.failure.fix}. The next poll cycle updates it`,
        );
      }
    });
    return outcomes;
  }

  /** Updates one posted copy in place to show the incident's current data and acknowledgement. */
  refresh(copy: IncidentCopy, now: number): Promise<CopyOutcome> {
    return this.lock.run(`${copy.record.kind}:${copy.record.id}:${copy.channel}`, async () => {
      const current = this.read(copy);
      if (current === undefined) {
        return { outcome: 'unchanged' };
      }

      const result = await updateMessage(this.options.slack, current.channel, current.ts, this.options.messages.render(current.record, now));
      if (!result.ok && result.failure.code === 'message_not_found') {
        this.options.copies.markAnnounced(current, current.record.state, current.record.fingerprint);
        return { outcome: 'deleted' };
      }
      if (!result.ok) {
        return { outcome: 'failed', failure: result.failure };
      }

      this.options.copies.markShown(current, current.record.fingerprint);
      return { outcome: 'updated' };
    });
  }

  /**
   * Announces a change of state on one copy: updates its message and posts one reply in its
   * thread, after searching the thread for a reply an earlier attempt posted. The announced state
   * is recorded only after Slack confirmed both, so a failure is retried and a success not repeated.
   */
  announce(copy: IncidentCopy, now: number): Promise<CopyOutcome> {
    return this.lock.run(`${copy.record.kind}:${copy.record.id}:${copy.channel}`, async () => {
      const current = this.read(copy);
      if (current === undefined || current.record.state === current.announcedState) {
        return { outcome: 'unchanged' };
      }

      const { record } = current;
      const view = this.options.messages.view(record, now);
      const update = await updateMessage(this.options.slack, current.channel, current.ts, buildIncidentMessage(view, now));
      if (!update.ok && update.failure.code === 'message_not_found') {
        // A deleted copy is not posted again: the main message and its thread still show the change.
        this.options.copies.markAnnounced(current, record.state, record.fingerprint);
        return { outcome: 'deleted' };
      }
      if (!update.ok) {
        return { outcome: 'failed', failure: update.failure };
      }

      const threadTs = current.threadTs ?? current.ts;
      const earlier = await findIncidentMessage(
        this.options.slack,
        current.channel,
        { eventType: STATE_CHANGE_EVENT_TYPE, kind: record.kind, id: record.id, state: record.state },
        { threadTs },
      );
      if (!earlier.ok && earlier.failure.code !== 'thread_not_found') {
        return { outcome: 'failed', failure: earlier.failure };
      }

      if (!earlier.ok || earlier.ts === undefined) {
        const logger = this.options.logger.child({ kind: record.kind, incidentId: record.id, channel: current.channel, copy: true });
        const reply = await postMessage(this.options.slack, current.channel, buildStateChangeReply(view, now), logger, { threadTs });
        if (!reply.ok && reply.failure.code !== 'thread_not_found') {
          return { outcome: 'failed', failure: reply.failure };
        }
      }

      this.options.copies.markAnnounced(current, record.state, record.fingerprint);
      return { outcome: 'updated' };
    });
  }
}
