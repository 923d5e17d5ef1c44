import { storedIncidentFacts } from '../routing/incident-facts.ts';
import type { PollerDependencies } from './poll-cycle.ts';
import { routeNewIncidents } from './route-new-incidents.ts';
import { sendToChannel, type Delivery, type SendCounts } from './send-channel.ts';

/** Collects the pending main messages and copies by channel, oldest incident first. */
function collectDeliveries(deps: PollerDependencies): Map<string, Delivery[]> {
  const byChannel = new Map<string, Delivery[]>();
  const add = (delivery: Delivery) => {
    byChannel.set(delivery.channel, [...(byChannel.get(delivery.channel) ?? []), delivery]);
  };

  for (const routed of deps.routing.routes.routed()) {
    add({ record: routed.record, channel: routed.channel, digestId: routed.digestId });
  }
  for (const copy of deps.routing.copies.pending()) {
    add({ record: copy.record, channel: copy.channel, digestId: copy.digestId, copy });
  }

  for (const deliveries of byChannel.values()) {
    deliveries.sort((a, b) => a.record.firstSeenAt - b.record.firstSeenAt || a.record.id.localeCompare(b.record.id));
  }
  return byChannel;
}

/**
 * Posts every pending incident message to its channel. Pending incidents that have no channel yet
 * (listed before routing existed, or before a crash between the diff and the routing write) are
 * routed first. Channels are served concurrently, each by one queue, so that a slow or
 * rate-limited channel does not hold up the others.
 */
export async function sendRoutedIncidents(deps: PollerDependencies, now: number): Promise<SendCounts> {
  const unrouted = deps.routing.routes.unrouted();
  if (unrouted.length > 0) {
    routeNewIncidents(deps, unrouted.map((row) => storedIncidentFacts(row.kind, row.organization, row.payload)), now);
  }

  const channels = [...collectDeliveries(deps).entries()];
  const results = await Promise.all(channels.map(([channel, deliveries]) => sendToChannel(deps, channel, deliveries, now)));

  return results.reduce(
    (total, counts) => ({ posted: total.posted + counts.posted, failed: total.failed + counts.failed, digests: total.digests + counts.digests }),
    { posted: 0, failed: 0, digests: 0 },
  );
}
