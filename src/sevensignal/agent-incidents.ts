import type { SevenSignalApi } from './client.ts';
import { SevenSignalError, errorFromResponse } from './errors.ts';
import type { AgentIncident } from './types.ts';
import { withShapeRetry } from './response-shape.ts';
import { splitWindow, type TimeWindow } from './windows.ts';

/** Options of one listing. */
export interface CallOptions {
  /** Aborts the listing, retries and rate-limit waits included, for callers with a deadline. */
  signal?: AbortSignal;
}

export interface AgentIncidentFilter {
  organization?: string;
  /** A location UUID, sent as the API's `location_id`. */
  locationId?: string;
}

/**
 * Lists the agent incidents that overlap `window`, asking `GET /incidents/agents` once per
 * window of at most 30 days. An incident listed in two windows is returned once, with the
 * data of the later window.
 */
export async function listAgentIncidents(
  api: SevenSignalApi,
  window: TimeWindow,
  filter: AgentIncidentFilter = {},
  options: CallOptions = {},
): Promise<AgentIncident[]> {
  const byId = new Map<string, AgentIncident>();

  for (const part of splitWindow(window)) {
    const path = `/incidents/agents?from=${part.from}&to=${part.to}`;
    const incidents = await withShapeRetry(path, () => listAgentIncidentWindow(api, part, filter, options), options.signal);
    for (const incident of incidents) {
      byId.set(incident.id!, incident);
    }
  }

  return [...byId.values()];
}

async function listAgentIncidentWindow(
  api: SevenSignalApi,
  window: TimeWindow,
  filter: AgentIncidentFilter,
  options: CallOptions,
): Promise<AgentIncident[]> {
  const query = {
    from: window.from,
    to: window.to,
    ...(filter.organization ? { organization: filter.organization } : {}),
    ...(filter.locationId ? { location_id: filter.locationId } : {}),
  };
  const { data, error, response } = await api.GET('/incidents/agents', { params: { query }, signal: options.signal });
  const path = `/incidents/agents?from=${window.from}&to=${window.to}`;

  if (!response.ok) {
    throw errorFromResponse('GET', path, response.status, error);
  }

  if (typeof data !== 'object' || data === null || !Array.isArray(data.results)) {
    throw new SevenSignalError('invalid_response', `7SIGNAL API GET ${path} returned no results list`, {
      status: response.status,
      method: 'GET',
      path,
    });
  }

  return data.results.filter((incident): incident is AgentIncident & { id: string } => {
    return typeof incident === 'object' && incident !== null && typeof incident.id === 'string' && incident.id !== '';
  });
}
