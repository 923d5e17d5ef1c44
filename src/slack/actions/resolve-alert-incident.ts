import type { SevenSignalApi } from '../../sevensignal/client.ts';
import { SevenSignalError, errorFromResponse } from '../../sevensignal/errors.ts';
import type { AlertIncidentDetail, ResolvedAlertIncident } from '../../sevensignal/types.ts';

/**
 * The result of a resolve request: `resolved` with the incident as 7SIGNAL resolved it,
 * `already_resolved` for a 409, `not_found` for a 404, `failed` for any other failure.
 */
export type ResolveResult =
  | { outcome: 'resolved'; incident: ResolvedAlertIncident }
  | { outcome: 'already_resolved' | 'not_found' | 'failed'; error: SevenSignalError };

function organizationQuery(organization: string) {
  return organization === '' ? undefined : { organization };
}

/** Resolves an alert-rule incident by hand with `POST /alerting/incidents/{id}/resolve`. */
export async function resolveAlertIncident(api: SevenSignalApi, id: string, organization: string): Promise<ResolveResult> {
  const path = `/alerting/incidents/${id}/resolve`;
  try {
    const { data, error, response } = await api.POST('/alerting/incidents/{id}/resolve', {
      params: { path: { id }, query: organizationQuery(organization) },
    });
    if (response.ok && data !== undefined) {
      return { outcome: 'resolved', incident: data };
    }

    const failure = errorFromResponse('POST', path, response.status, error);
    if (failure.code === 'conflict') {
      return { outcome: 'already_resolved', error: failure };
    }
    return { outcome: failure.code === 'not_found' ? 'not_found' : 'failed', error: failure };
  } catch (error) {
    // The transport turns timeouts, network failures and rejected credentials into SevenSignalErrors.
    if (error instanceof SevenSignalError) {
      return { outcome: 'failed', error };
    }
    throw error;
  }
}

/** Reads one alert-rule incident with `GET /alerting/incidents/{id}`; throws a SevenSignalError on failure. */
export async function fetchAlertIncident(api: SevenSignalApi, id: string, organization: string): Promise<AlertIncidentDetail> {
  const { data, error, response } = await api.GET('/alerting/incidents/{id}', {
    params: { path: { id }, query: organizationQuery(organization) },
  });
  if (!response.ok || data === undefined) {
    throw errorFromResponse('GET', `/alerting/incidents/${id}`, response.status, error);
  }
  return data;
}
