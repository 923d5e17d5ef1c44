import { listAgentIncidents } from '../../sevensignal/agent-incidents.ts';
import type { SevenSignalApi } from '../../sevensignal/client.ts';
import type { AgentIncident } from '../../sevensignal/types.ts';
import type { TimeWindow } from '../../sevensignal/windows.ts';
import { parseTimestamp, reportedEnd } from '../messages/agent-incident-facts.ts';
import type { IncidentFilters } from './incident-query.ts';
import { sameBand, sameText } from './text-match.ts';

export interface AgentQueryResult {
  /** Incidents that match every filter, newest start first. */
  incidents: AgentIncident[];
  /** Distinct location names of everything listed before the filters, for hints on an empty result. */
  listedLocationNames: string[];
}

/**
 * Returns whether the incident passes every filter, with `asOf` deciding whether it was still
 * active. A location UUID is checked here too, although the API filters by it already, because
 * the API ignores a query parameter it does not know and would then return every location.
 */
export function matchesAgentIncident(incident: AgentIncident, filters: IncidentFilters, asOf: number): boolean {
  if (filters.locationName !== undefined && !sameText(incident.locationName, filters.locationName)) {
    return false;
  }
  if (filters.locationId !== undefined && !sameText(incident.location, filters.locationId)) {
    return false;
  }
  if (filters.network !== undefined && !sameText(incident.network, filters.network)) {
    return false;
  }
  if (filters.band !== undefined && !sameBand(incident.band, filters.band)) {
    return false;
  }
  if (filters.type !== undefined && !sameText(incident.type, filters.type)) {
    return false;
  }
  if (filters.activeOnly && reportedEnd(incident, asOf) !== undefined) {
    return false;
  }
  return true;
}

/** Sorts by start time, newest first, then by id. Incidents without a readable start come last. */
function sortNewestFirst(incidents: AgentIncident[]): AgentIncident[] {
  const keyed = incidents.map((incident) => ({ incident, start: parseTimestamp(incident.startTimestamp) ?? Number.NEGATIVE_INFINITY }));

  keyed.sort((left, right) => {
    if (left.start === right.start) {
      return (left.incident.id ?? '').localeCompare(right.incident.id ?? '');
    }
    return right.start > left.start ? 1 : -1;
  });

  return keyed.map((entry) => entry.incident);
}

/**
 * Lists the agent incidents of `window` for each organization (the API key's own when the list is
 * empty) and keeps those that match `filters`. The API filters only by location UUID, so a
 * location name, network, band, type and `active` are applied here to the listing.
 */
export async function queryAgentIncidents(
  api: SevenSignalApi,
  window: TimeWindow,
  filters: IncidentFilters,
  organizations: string[],
  asOf: number,
  signal?: AbortSignal,
): Promise<AgentQueryResult> {
  const targets = organizations.length > 0 ? organizations : [undefined];
  const listings = await Promise.all(
    targets.map((organization) => listAgentIncidents(api, window, { organization, locationId: filters.locationId }, { signal })),
  );

  const byId = new Map<string, AgentIncident>();
  for (const incident of listings.flat()) {
    byId.set(incident.id!, incident);
  }
  const listed = [...byId.values()];

  const incidents = sortNewestFirst(listed.filter((incident) => matchesAgentIncident(incident, filters, asOf)));
  const names = new Set(listed.map((incident) => incident.locationName).filter((name): name is string => !!name?.trim()));

  return { incidents, listedLocationNames: [...names].sort((a, b) => a.localeCompare(b)) };
}
