/**
 * API shapes used by the bot, addressed through paths and operations of the generated contract
 * because the contract's component names are not stable across generator versions.
 */
import type { paths } from '../../generated/sevensignal-api.ts';

/** The `{range, results}` envelope of `GET /incidents/agents`. */
export type AgentIncidentList =
  paths['/incidents/agents']['get']['responses'][200]['content']['application/json'];

/** One agent incident as listed, with its thresholds nested under `thresholds`. */
export type AgentIncident = NonNullable<AgentIncidentList['results']>[number];

/** One agent incident as fetched alone, with its thresholds flat at top level. */
export type AgentIncidentDetail =
  paths['/incidents/agents/{incidentId}']['get']['responses'][200]['content']['application/json'];

/** Query parameters of `GET /incidents/agents`. */
export type AgentIncidentQuery = NonNullable<paths['/incidents/agents']['get']['parameters']['query']>;

/** The paginated envelope of `GET /alerting/incidents`. */
export type AlertIncidentPage =
  paths['/alerting/incidents']['get']['responses'][200]['content']['application/json'];

/** One alert-rule incident. */
export type AlertIncident = NonNullable<AlertIncidentPage['results']>[number];

/** Query parameters of `GET /alerting/incidents`. */
export type AlertIncidentQuery = NonNullable<paths['/alerting/incidents']['get']['parameters']['query']>;

/** The successful answer of `POST /oauth2/token`. */
export type TokenResponse =
  paths['/oauth2/token']['post']['responses'][200]['content']['application/json'];

/** The RFC 6749 error body of a rejected token request. */
export type TokenErrorResponse =
  paths['/oauth2/token']['post']['responses'][400]['content']['application/json'];

/** The error body the API sends with 400, 403 and 404. */
export type ApiErrorBody =
  paths['/incidents/agents']['get']['responses'][400]['content']['application/json'];

/** One alert-rule incident as fetched alone by `GET /alerting/incidents/{id}`. */
export type AlertIncidentDetail =
  paths['/alerting/incidents/{id}']['get']['responses'][200]['content']['application/json'];

/** The incident returned by `POST /alerting/incidents/{id}/resolve` after it was resolved. */
export type ResolvedAlertIncident =
  paths['/alerting/incidents/{id}/resolve']['post']['responses'][200]['content']['application/json'];

/** The counts returned by `GET /alerting/incidents/summary`. */
export type AlertIncidentSummary =
  paths['/alerting/incidents/summary']['get']['responses'][200]['content']['application/json'];
