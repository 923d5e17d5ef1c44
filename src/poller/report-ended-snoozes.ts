import type { PollerDependencies } from './poll-cycle.ts';
import type { SnoozeReporter } from './snooze-reports.ts';

/** Counts of the snooze stage of one cycle. */
export interface SnoozeCounts {
  /** Snoozes whose end time passed in this cycle. */
  expired: number;
  reported: number;
  failed: number;
}

/**
 * Ends the snoozes whose end time passed by `now`, then reports every ended snooze that has no
 * report yet, and refreshes the message each snooze was set on so that it no longer shows it.
 */
export async function reportEndedSnoozes(deps: PollerDependencies, reporter: SnoozeReporter, now: number): Promise<SnoozeCounts> {
  const { snoozes } = deps.routing;
  const counts: SnoozeCounts = { expired: snoozes.expire(now), reported: 0, failed: 0 };

  for (const snooze of snoozes.unreported()) {
    const result = await reporter.report(snooze.id, now);
    if (!result.ok) {
      counts.failed += 1;
      deps.metrics?.slackErrors.inc({ method: 'chat.postMessage', code: result.failure.code });
      continue;
    }
    if (result.posted) {
      counts.reported += 1;
    }

    const refreshed = await deps.messages?.refresh(snooze.kind, snooze.incidentId, now);
    if (refreshed?.outcome === 'failed') {
      deps.messages?.lifecycle.markStale(snooze.kind, snooze.incidentId);
    }
    await deps.copyMessages?.refreshAll(snooze.kind, snooze.incidentId, now);
  }

  return counts;
}
