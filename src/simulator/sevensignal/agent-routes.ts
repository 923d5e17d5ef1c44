/** Routes `GET /incidents/agents` and `GET /incidents/agents/{incidentId}` of the fake 7SIGNAL API. */
import type {
  AgentIncident,
  AgentIncidentDetail,
  AgentIncidentList,
  AgentIncidentQuery,
} from '../../sevensignal/types.ts';
import { BadRequestError, readEnum, readEpochMillis, readString } from './query.ts';
import { errorResponse, jsonResponse, type RouteContext, type RouteResponse } from './responses.ts';
import type { AgentIncidentStore, StoredAgentIncident } from './state.ts';

type AgentQueryName = keyof AgentIncidentQuery & string;
type Range = NonNullable<AgentIncidentList['range']>;

const HOUR_MS = 60 * 60 * 1000;
const DEFAULT_WINDOW_MS = 24 * HOUR_MS;
const MAX_WINDOW_MS = 30 * 24 * HOUR_MS;

const FROM: AgentQueryName = 'from';
const TO: AgentQueryName = 'to';
const LOCATION_ID: AgentQueryName = 'location_id';
const ORGANIZATION: AgentQueryName = 'organization';
const ORDER: AgentQueryName = 'order';

/**
 * Lists the listed incidents of one organization that overlap the window `[from, to]`. Query keys
 * the API does not declare, such as `locationId`, are ignored as the real service ignores them.
 */
export function listAgentIncidents(
  context: RouteContext,
  store: AgentIncidentStore,
  defaultOrganization: string,
): RouteResponse {
  const { query, now } = context;
  // The contract defaults `from` to 24 hours before the present, not 24 hours before `to`.
  const from = readEpochMillis(query, FROM) ?? now - DEFAULT_WINDOW_MS;
  const to = readEpochMillis(query, TO) ?? now;
  if (from > to) {
    throw new BadRequestError(`Invalid window: from (${from}) is after to (${to}).`);
  }
  if (to - from > MAX_WINDOW_MS) {
    throw new BadRequestError(
      `Invalid window: the difference between from (${from}) and to (${to}) is greater than 30 days.`,
    );
  }
  const locationId = readString(query, LOCATION_ID);
  const organization = readString(query, ORGANIZATION) ?? defaultOrganization;
  const order = readEnum(query, ORDER, ['asc', 'desc'] as const) ?? 'desc';

  const matches = store
    .all()
    .filter((stored) => stored.organization === organization)
    .filter((stored) => stored.listedFrom <= now)
    .filter((stored) => locationId === undefined || stored.incident.location === locationId)
    .filter((stored) => overlapsWindow(stored, from, to));
  matches.sort((a, b) => (order === 'asc' ? a.start - b.start : b.start - a.start));

  const results: AgentIncident[] = matches.map((stored) => structuredClone(stored.incident));
  const body: AgentIncidentList = { range: describeRange(from, to, results.length), results };
  return jsonResponse(body);
}

/** Returns one listed incident with its thresholds flat at top level, or 404. */
export function getAgentIncident(
  context: RouteContext,
  incidentId: string,
  store: AgentIncidentStore,
  defaultOrganization: string,
): RouteResponse {
  const organization = readString(context.query, ORGANIZATION) ?? defaultOrganization;
  const stored = store.get(incidentId);
  // An incident that has not qualified yet is not visible through the API at all.
  if (stored === undefined || stored.organization !== organization || stored.listedFrom > context.now) {
    return errorResponse(404, `Agent incident ${incidentId} not found.`, context);
  }
  return jsonResponse(flattenThresholds(stored.incident));
}

/** Returns whether the incident started by `to` and had no reported recovery before `from`. */
function overlapsWindow(stored: StoredAgentIncident, from: number, to: number): boolean {
  return stored.start <= to && (stored.end === undefined || stored.end >= from);
}

function flattenThresholds(incident: AgentIncident): AgentIncidentDetail {
  const { thresholds, ...rest } = structuredClone(incident);
  return { ...rest, ...thresholds };
}

/**
 * Builds the `range` object. `durationAsString` follows the contract's example ("60 seconds" for
 * 60000 ms); the dates carry the `[UTC]` suffix the service appends to ISO date-times.
 */
function describeRange(from: number, to: number, total: number): Range {
  const duration = to - from;
  return {
    from,
    to,
    fromAsDateString: `${new Date(from).toISOString()}[UTC]`,
    toAsDateString: `${new Date(to).toISOString()}[UTC]`,
    total,
    duration,
    durationAsString: `${Math.floor(duration / 1000)} seconds`,
  };
}
