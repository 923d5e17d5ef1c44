import { listAlertIncidents } from '../../sevensignal/alert-incidents.ts';
import type { SevenSignalApi } from '../../sevensignal/client.ts';
import type { AlertIncident } from '../../sevensignal/types.ts';
import type { TimeWindow } from '../../sevensignal/windows.ts';
import { alertDimensions } from '../messages/alert-dimensions.ts';
import { isAlertActive } from '../messages/alert-query-message.ts';
import type { IncidentFilters } from './incident-query.ts';
import { sameBand, sameText } from './text-match.ts';

/** Returns whether the incident started by the end of `window` and was not resolved before its start. */
function overlapsWindow(incident: AlertIncident, window: TimeWindow): boolean {
  if (incident.startedAt === undefined || incident.startedAt > window.to) {
    return false;
  }
  return incident.resolvedAt === undefined || incident.resolvedAt === null || incident.resolvedAt >= window.from;
}

/**
 * Returns whether the incident passes every filter. Location, network and band are read from
 * the rule's dimensions (`location_id`, `network`, `band`), and `type` is the rule's metric.
 * An incident without the dimension that a filter names does not match it.
 */
export function matchesAlertIncident(incident: AlertIncident, filters: IncidentFilters, asOf: number): boolean {
  const dimensions = alertDimensions(incident);

  if (filters.locationId !== undefined && !sameText(dimensions.get('location_id'), filters.locationId)) {
    return false;
  }
  if (filters.network !== undefined && !sameText(dimensions.get('network'), filters.network)) {
    return false;
  }
  if (filters.band !== undefined && !sameBand(dimensions.get('band'), filters.band)) {
    return false;
  }
  if (filters.type !== undefined && !sameText(incident.metric, filters.type)) {
    return false;
  }
  if (filters.activeOnly && !isAlertActive(incident, asOf)) {
    return false;
  }
  return true;
}

/**
 * Lists the alert-rule incidents that overlap `window` for each organization (the API key's own
 * when the list is empty) and keeps those that match `filters`, newest start first.
 *
 * Overlap takes two listings: incidents still active that started by the end of the window, and
 * incidents resolved after its start. A listing by start time alone would miss an incident that
 * started before the window and is still active. Both listings run even with `active`, because a
 * re-run at a later `asOf` must still find incidents resolved since.
 */
export async function queryAlertIncidents(
  api: SevenSignalApi,
  window: TimeWindow,
  filters: IncidentFilters,
  organizations: string[],
  asOf: number,
  signal?: AbortSignal,
): Promise<AlertIncident[]> {
  const targets = organizations.length > 0 ? organizations : [undefined];
  const listings = await Promise.all(
    targets.flatMap((organization) => {
      const scope = organization === undefined ? {} : { organization };
      return [
        listAlertIncidents(api, { ...scope, status: 'active', startedBefore: window.to }, { signal }),
        listAlertIncidents(api, { ...scope, status: 'resolved', resolvedAfter: window.from, startedBefore: window.to }, { signal }),
      ];
    }),
  );

  const byId = new Map<string, AlertIncident>();
  for (const incident of listings.flat()) {
    byId.set(incident.id!, incident);
  }

  return [...byId.values()]
    .filter((incident) => overlapsWindow(incident, window))
    .filter((incident) => matchesAlertIncident(incident, filters, asOf))
    .sort((left, right) => (right.startedAt ?? 0) - (left.startedAt ?? 0) || (left.id ?? '').localeCompare(right.id ?? ''));
}
