import type { IncidentCopy } from '../store/incident-copies.ts';
import type { IncidentRecord } from '../store/incident-store.ts';
import type { PollerDependencies } from './poll-cycle.ts';
import { postDigest } from './post-digest.ts';
import { sendIncidentCopy } from './send-copy.ts';
import { sendPendingIncident, STOP_ERRORS, type Placement, type SendOutcome } from './send-pending.ts';

/** One message to post: the main message of an incident, or a copy of it in a further channel. */
export interface Delivery {
  record: IncidentRecord;
  channel: string;
  /** The digest whose thread the message goes into; null for a message of its own. */
  digestId: number | null;
  /** Set for a copy; undefined for the incident's main message. */
  copy?: IncidentCopy;
}

/** Counts of posts to one or more channels in one cycle. */
export interface SendCounts {
  posted: number;
  failed: number;
  digests: number;
}

function send(deps: PollerDependencies, delivery: Delivery, placement: Placement, now: number): Promise<SendOutcome> {
  return delivery.copy === undefined
    ? sendPendingIncident(deps, delivery.record, placement, now)
    : sendIncidentCopy(deps, delivery.copy, placement, now);
}

/** When a post of the message was last started; null before the first attempt. */
function attemptedAt(delivery: Delivery): number | null {
  return delivery.copy === undefined ? delivery.record.postAttemptedAt : delivery.copy.postAttemptedAt;
}

/**
 * Puts the new messages of a channel into a digest when there are more than the threshold, or
 * when an earlier digest of the channel is still waiting for Slack, so that they share its thread.
 * A message whose post was started before as a message of its own stays one: that post may have
 * reached Slack, and it is looked up in the channel history, not in a thread.
 */
function gatherIntoDigest(deps: PollerDependencies, channel: string, deliveries: Delivery[], now: number): void {
  const { digests, digestThreshold } = deps.routing;
  const loose = deliveries.filter((delivery) => delivery.digestId === null && attemptedAt(delivery) === null);
  if (loose.length === 0) {
    return;
  }

  const members = loose.map((delivery) => ({ kind: delivery.record.kind, id: delivery.record.id, copy: delivery.copy !== undefined }));
  const waiting = digests.unposted(channel);
  let digestId: number;
  if (waiting !== undefined) {
    digests.add(waiting.id, channel, members);
    digestId = waiting.id;
  } else if (loose.length > digestThreshold) {
    digestId = digests.create(channel, members, now).id;
  } else {
    return;
  }

  for (const delivery of loose) {
    delivery.digestId = digestId;
  }
}

/** Posts `members` one after the other; returns true when an error stops the channel for this cycle. */
async function sendGroup(deps: PollerDependencies, members: Delivery[], placement: Placement, now: number, counts: SendCounts): Promise<boolean> {
  for (const delivery of members) {
    const outcome = await send(deps, delivery, placement, now);
    if (outcome.posted) {
      counts.posted += 1;
      continue;
    }
    counts.failed += 1;
    if (STOP_ERRORS.has(outcome.failure.code)) {
      return true;
    }
  }
  return false;
}

/**
 * Posts the pending messages of one channel, oldest first: each digest and then its incidents in
 * its thread, then the messages of their own. The channel stops at the first error after which
 * nothing can reach it in this cycle, such as `not_in_channel`; the other channels go on.
 */
export async function sendToChannel(deps: PollerDependencies, channel: string, deliveries: Delivery[], now: number): Promise<SendCounts> {
  const counts: SendCounts = { posted: 0, failed: 0, digests: 0 };
  gatherIntoDigest(deps, channel, deliveries, now);

  const threads = new Map<number, Delivery[]>();
  for (const delivery of deliveries) {
    if (delivery.digestId !== null) {
      threads.set(delivery.digestId, [...(threads.get(delivery.digestId) ?? []), delivery]);
    }
  }

  for (const [digestId, members] of [...threads.entries()].sort(([a], [b]) => a - b)) {
    const digest = deps.routing.digests.get(digestId);
    if (digest === undefined) {
      throw new Error(`Digest ${digestId} of channel ${channel} is missing from the database`);
    }

    const posted = await postDigest(deps, digest, now);
    if (!posted.ok) {
      counts.failed += members.length;
      if (STOP_ERRORS.has(posted.failure.code)) {
        return counts;
      }
      continue;
    }
    if (posted.posted) {
      counts.digests += 1;
    }

    if (await sendGroup(deps, members, { channel, threadTs: posted.ts }, now, counts)) {
      return counts;
    }
  }

  const single = deliveries.filter((delivery) => delivery.digestId === null);
  await sendGroup(deps, single, { channel }, now, counts);
  return counts;
}
