import type { CallOptions } from './agent-incidents.ts';
import type { SevenSignalApi } from './client.ts';
import { SevenSignalError, errorFromResponse } from './errors.ts';
import { withShapeRetry } from './response-shape.ts';
import type { AlertIncident, AlertIncidentPage, AlertIncidentQuery } from './types.ts';

/** Page size asked for; the API's largest. */
const PER_PAGE = 100;

/** Pages read at most in one listing (10,000 incidents), so a runaway `pages` value cannot loop forever. */
const MAX_PAGES = 100;

async function readPage(
  api: SevenSignalApi,
  query: Omit<AlertIncidentQuery, 'page' | 'perPage'>,
  page: number,
  path: string,
  options: CallOptions,
): Promise<AlertIncidentPage & { results: AlertIncident[] }> {
  const { data, error, response } = await api.GET('/alerting/incidents', {
    params: { query: { ...query, page, perPage: PER_PAGE } },
    signal: options.signal,
  });

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
  return data as AlertIncidentPage & { results: AlertIncident[] };
}

/**
 * Lists the alert-rule incidents that match `query`, reading every page of
 * `GET /alerting/incidents` (the first page is 1).
 */
export async function listAlertIncidents(
  api: SevenSignalApi,
  query: Omit<AlertIncidentQuery, 'page' | 'perPage'> = {},
  options: CallOptions = {},
): Promise<AlertIncident[]> {
  const incidents: AlertIncident[] = [];

  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const path = `/alerting/incidents?page=${page}`;
    const data = await withShapeRetry(path, () => readPage(api, query, page, path, options), options.signal);

    for (const incident of data.results) {
      if (typeof incident?.id === 'string' && incident.id !== '') {
        incidents.push(incident);
      }
    }

    const pages = data.pagination?.pages ?? 1;
    if (page >= pages || data.results.length === 0) {
      break;
    }
  }

  return incidents;
}
