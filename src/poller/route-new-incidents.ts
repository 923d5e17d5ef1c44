import type { IncidentFacts } from '../routing/incident-facts.ts';
import { snoozeScopeOf } from '../routing/snooze-scope.ts';
import type { RouteDecision } from '../store/incident-routes.ts';
import type { PollerDependencies } from './poll-cycle.ts';

/**
 * Chooses the channels of new incidents and records them, so that a retry after a crash or a
 * Slack failure goes to the same channels. A new incident that matches an active snooze is
 * recorded with that snooze instead and never posted. Returns how many were held back.
 */
export function routeNewIncidents(deps: PollerDependencies, incidents: IncidentFacts[], now: number): number {
  const { router, snoozes, routes } = deps.routing;
  let held = 0;

  const decisions = incidents.map((facts): RouteDecision => {
    const channels = router.channelsFor(facts);
    const snooze = snoozes.active(snoozeScopeOf(facts), now);
    if (snooze === undefined) {
      return { kind: facts.kind, id: facts.id, channels };
    }
    held += 1;
    deps.logger.info(
      { kind: facts.kind, incidentId: facts.id, snoozeId: snooze.id, until: new Date(snooze.until).toISOString() },
      'Held back a new incident: its location, network and band (or rule and dimensions) are snoozed',
    );
    return { kind: facts.kind, id: facts.id, channels, snoozeId: snooze.id };
  });

  routes.assign(decisions);
  return held;
}
