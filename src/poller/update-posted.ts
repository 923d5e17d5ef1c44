import type { Logger } from '../log/logger.ts';
import type { Metrics } from '../operations/metrics.ts';
import type { IncidentMessages, MessageOutcome } from './incident-messages.ts';
import { STOP_ERRORS } from './send-pending.ts';

/** Maximum messages refreshed per cycle for changed numbers; the rest wait for the next cycle. */
// NOTE: an estimate chosen to stay below Slack's Tier 3 rate of chat.update (about 50 per minute)
// with the default one-minute schedule. Announcements of state changes are not capped.
export const MAX_REFRESHES_PER_CYCLE = 20;

export interface UpdateCounts {
  announced: number;
  refreshed: number;
  failed: number;
}

function logFailure(logger: Logger, outcome: MessageOutcome & { outcome: 'failed' }, what: string, metrics?: Metrics): void {
  metrics?.slackErrors.inc({ method: 'message_update', code: outcome.failure.code });
  logger.error(
    { kind: outcome.record.kind, incidentId: outcome.record.id, channel: outcome.record.channel, slackError: outcome.failure.code },
    `${what} failed: ${outcome.failure.fix}. It is tried again next cycle`,
  );
}

/**
 * Brings posted messages up to date. First it announces every change of state (recovered,
 * resolved) once, in place and with a thread reply. Then it refreshes in place, once per cycle,
 * messages whose incident data changed without a change of state, such as a growing impacted count.
 */
export async function updatePostedMessages(
  messages: IncidentMessages,
  logger: Logger,
  now: number,
  metrics?: Metrics,
): Promise<UpdateCounts> {
  const counts: UpdateCounts = { announced: 0, refreshed: 0, failed: 0 };

  for (const record of messages.lifecycle.unannounced()) {
    const outcome = await messages.announce(record.kind, record.id, now);
    if (outcome.outcome === 'failed') {
      counts.failed += 1;
      logFailure(logger, outcome, `Announcing the change to ${record.state} in Slack`, metrics);
      if (STOP_ERRORS.has(outcome.failure.code)) {
        return counts;
      }
      continue;
    }
    if (outcome.outcome === 'updated' || outcome.outcome === 'reposted') {
      counts.announced += 1;
      logger.info(
        { kind: record.kind, incidentId: record.id, state: record.state, reposted: outcome.outcome === 'reposted' },
        'Announced a change of incident state in Slack',
      );
    }
  }

  for (const record of messages.lifecycle.outdated(MAX_REFRESHES_PER_CYCLE)) {
    const outcome = await messages.refresh(record.kind, record.id, now);
    if (outcome.outcome === 'failed') {
      counts.failed += 1;
      logFailure(logger, outcome, 'Refreshing the incident message', metrics);
      if (STOP_ERRORS.has(outcome.failure.code)) {
        return counts;
      }
      continue;
    }
    if (outcome.outcome === 'message_not_found') {
      // A deleted message is not posted again for new numbers, only for a change of state.
      messages.lifecycle.markShown(record.kind, record.id, record.fingerprint);
      logger.info({ kind: record.kind, incidentId: record.id }, 'The incident message was deleted in Slack; not refreshing it');
      continue;
    }
    if (outcome.outcome === 'updated') {
      counts.refreshed += 1;
    }
  }

  return counts;
}
