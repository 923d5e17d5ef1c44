import { buildIncidentMessage } from '../slack/messages/incident-message.ts';
import type { IncidentCopy } from '../store/incident-copies.ts';
import { toIncidentView } from './incident-view.ts';
import type { PollerDependencies } from './poll-cycle.ts';
import { postTracked } from './post-tracked.ts';
import type { Placement, SendOutcome } from './send-pending.ts';

/**
 * Posts a pending copy of an incident message to its channel and records its `ts` once Slack
 * confirmed it. The copy shows the incident as it is now, acknowledgement included, and has the
 * same buttons as the main message. A failed post stays pending and is tried again next cycle.
 */
export async function sendIncidentCopy(deps: PollerDependencies, copy: IncidentCopy, placement: Placement, now: number): Promise<SendOutcome> {
  const { record } = copy;
  const copies = deps.routing.copies;
  const logger = deps.logger.child({ kind: record.kind, incidentId: record.id, channel: placement.channel, threadTs: placement.threadTs, copy: true });
  const message = deps.messages?.render(record, now) ?? buildIncidentMessage(toIncidentView(record), now);

  const result = await postTracked(
    deps.slack,
    placement.channel,
    message,
    {
      key: { kind: record.kind, id: record.id },
      attemptedAt: copy.postAttemptedAt,
      markAttempt: () => copies.markPostAttempt(copy, now),
      ...(placement.threadTs === undefined ? {} : { threadTs: placement.threadTs }),
    },
    logger,
  );

  if (result.ok) {
    // A copy found from an earlier attempt may show an older state: it is recorded as showing the
    // open state and data that matches no listing, so the update stage refreshes it and announces
    // a state that is not open.
    copies.markPosted(copy, result.ts, now, result.found ? { state: 'open', fingerprint: '' } : undefined);
    deps.metrics?.posted.inc({ kind: record.kind });
    if (!result.found) {
      logger.info({ ts: result.ts }, 'Posted a copy of the incident to Slack');
    }
    return { posted: true };
  }

  deps.metrics?.slackErrors.inc({ method: 'chat.postMessage', code: result.failure.code });
  copies.markFailed(copy, result.failure.code);
  logger.error(
    { slackError: result.failure.code, attempts: copy.attempts + 1 },
    `Posting a copy of the incident to Slack failed: ${result.failure.fix}. It stays pending and is tried again next cycle`,
  );
  return { posted: false, failure: result.failure };
}
