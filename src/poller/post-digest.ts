import type { AgentIncident, AlertIncident } from '../sevensignal/types.ts';
import { describeAlertDimensions } from '../slack/messages/alert-dimensions.ts';
import { buildDigestMessage, DIGEST_EVENT_TYPE, type DigestEntry } from '../slack/messages/digest-message.ts';
import type { SlackFailure } from '../slack/slack-errors.ts';
import type { Digest, DigestIncident } from '../store/digests.ts';
import type { PollerDependencies } from './poll-cycle.ts';
import { postTracked } from './post-tracked.ts';

/** Returns what the digest counts of one incident: where, what, and how much of the population it hit. */
export function digestEntryOf(incident: DigestIncident): DigestEntry {
  if (incident.kind === 'agent') {
    const agent = JSON.parse(incident.payload) as AgentIncident;
    const share =
      agent.countImpacted !== undefined && agent.populationCount !== undefined && agent.populationCount > 0
        ? agent.countImpacted / agent.populationCount
        : undefined;
    return {
      where: agent.locationName || agent.location || 'unknown location',
      what: agent.type || 'unknown type',
      ...(share === undefined ? {} : { impactedShare: share }),
    };
  }

  const alert = JSON.parse(incident.payload) as AlertIncident;
  return { where: describeAlertDimensions(alert), what: alert.metric || 'unknown metric' };
}

export type DigestPostResult = { ok: true; ts: string; posted: boolean } | { ok: false; failure: SlackFailure };

/**
 * Posts a digest that Slack has not confirmed yet, at most once across crashes, and records its
 * thread for its incidents. A digest posted before returns its `ts` with `posted` false.
 */
export async function postDigest(deps: PollerDependencies, digest: Digest, now: number): Promise<DigestPostResult> {
  if (digest.ts !== null) {
    return { ok: true, ts: digest.ts, posted: false };
  }

  const { digests } = deps.routing;
  const incidents = digests.incidents(digest);
  const logger = deps.logger.child({ digestId: digest.id, channel: digest.channel, incidents: incidents.length });
  const message = buildDigestMessage(digest.id, incidents.map(digestEntryOf));

  const result = await postTracked(
    deps.slack,
    digest.channel,
    message,
    {
      key: { eventType: DIGEST_EVENT_TYPE, kind: 'digest', id: String(digest.id) },
      attemptedAt: digest.postAttemptedAt,
      markAttempt: () => digests.markPostAttempt(digest.id, now),
    },
    logger,
  );

  if (!result.ok) {
    deps.metrics?.slackErrors.inc({ method: 'chat.postMessage', code: result.failure.code });
    logger.error(
      { slackError: result.failure.code },
      `Posting the digest to Slack failed: ${result.failure.fix}. Its incidents stay pending and are tried again next cycle`,
    );
    return result;
  }

  digests.markPosted(digest.id, result.ts, now);
  logger.info({ ts: result.ts }, 'Posted a digest of new incidents; the incidents follow in its thread');
  return { ok: true, ts: result.ts, posted: !result.found };
}
