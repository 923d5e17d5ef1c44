import type { Logger } from '../log/logger.ts';
import type { Metrics } from '../operations/metrics.ts';
import type { IncidentCopy, IncidentCopyStore } from '../store/incident-copies.ts';
import type { CopyMessages, CopyOutcome } from './copy-messages.ts';
import { STOP_ERRORS } from './send-pending.ts';
import { MAX_REFRESHES_PER_CYCLE, type UpdateCounts } from './update-posted.ts';

/**
 * Brings the copies of incident messages up to date, as `updatePostedMessages` does for the main
 * messages: first every change of state is announced on each copy, then copies that show older
 * data are refreshed, at most MAX_REFRESHES_PER_CYCLE per cycle. A channel that Slack rejects for
 * good (such as `not_in_channel`) is skipped for the rest of the cycle.
 */
export async function updateCopyMessages(
  copyMessages: CopyMessages,
  copies: IncidentCopyStore,
  logger: Logger,
  now: number,
  metrics?: Metrics,
): Promise<UpdateCounts> {
  const counts: UpdateCounts = { announced: 0, refreshed: 0, failed: 0 };
  const stopped = new Set<string>();

  const handle = (copy: IncidentCopy, outcome: CopyOutcome, what: string): boolean => {
    if (outcome.outcome !== 'failed') {
      return outcome.outcome === 'updated';
    }
    counts.failed += 1;
    metrics?.slackErrors.inc({ method: 'message_update', code: outcome.failure.code });
    logger.error(
      { kind: copy.record.kind, incidentId: copy.record.id, channel: copy.channel, slackError: outcome.failure.code },
      `${what} failed: ${outcome.failure.fix}. It is tried again next cycle`,
    );
    if (STOP_ERRORS.has(outcome.failure.code)) {
      stopped.add(copy.channel);
    }
    return false;
  };

  for (const copy of copies.unannounced()) {
    if (stopped.has(copy.channel)) {
      continue;
    }
    if (handle(copy, await copyMessages.announce(copy, now), `Announcing the change to ${copy.record.state} on a copy`)) {
      counts.announced += 1;
    }
  }

  for (const copy of copies.outdated(MAX_REFRESHES_PER_CYCLE)) {
    if (stopped.has(copy.channel)) {
      continue;
    }
    if (handle(copy, await copyMessages.refresh(copy, now), 'Refreshing a copy of the incident message')) {
      counts.refreshed += 1;
    }
  }

  return counts;
}
