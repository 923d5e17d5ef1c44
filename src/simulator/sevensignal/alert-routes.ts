/** Routes under `/alerting/incidents` of the fake 7SIGNAL API. */
import type {
  AlertIncident,
  AlertIncidentDetail,
  AlertIncidentPage,
  AlertIncidentQuery,
  AlertIncidentSummary,
  ResolvedAlertIncident,
} from '../../sevensignal/types.ts';
import { BadRequestError, readEnum, readEpochMillis, readInteger, readString } from './query.ts';
import { errorResponse, jsonResponse, type RouteContext, type RouteResponse } from './responses.ts';
import type { AlertIncidentStore, StoredAlertIncident } from './state.ts';

type AlertQueryName = keyof AlertIncidentQuery & string;

const DEFAULT_PER_PAGE = 20;
const MAX_PER_PAGE = 100;

const STATUS: AlertQueryName = 'status';
const METRIC: AlertQueryName = 'metric';
const DIMENSION_KEY: AlertQueryName = 'dimensionKey';
const RULE_ID: AlertQueryName = 'ruleId';
const STARTED_AFTER: AlertQueryName = 'startedAfter';
const STARTED_BEFORE: AlertQueryName = 'startedBefore';
const RESOLVED_AFTER: AlertQueryName = 'resolvedAfter';
const RESOLVED_BEFORE: AlertQueryName = 'resolvedBefore';
const ORGANIZATION: AlertQueryName = 'organization';
const PAGE: AlertQueryName = 'page';
const PER_PAGE: AlertQueryName = 'perPage';
const SORT_FIELD: AlertQueryName = 'sortField';
const ORDER: AlertQueryName = 'order';

// NOTE: the contract does not list the accepted sort fields. The fake accepts these two and
// rejects others with 400, but the real service may accept more.
const SORT_FIELDS = ['startedAt', 'resolvedAt'] as const;

/** Lists one page of an organization's alert incidents, filtered, sorted by `startedAt` descending by default. */
export function listAlertIncidents(
  context: RouteContext,
  store: AlertIncidentStore,
  defaultOrganization: string,
): RouteResponse {
  const { query } = context;
  const organization = readString(query, ORGANIZATION) ?? defaultOrganization;
  const status = readEnum(query, STATUS, ['active', 'resolved'] as const);
  const metric = readString(query, METRIC);
  const dimensionKey = readString(query, DIMENSION_KEY);
  const ruleId = readString(query, RULE_ID);
  const startedAfter = readEpochMillis(query, STARTED_AFTER);
  const startedBefore = readEpochMillis(query, STARTED_BEFORE);
  const resolvedAfter = readEpochMillis(query, RESOLVED_AFTER);
  const resolvedBefore = readEpochMillis(query, RESOLVED_BEFORE);
  const sortField = readEnum(query, SORT_FIELD, SORT_FIELDS) ?? 'startedAt';
  const order = readEnum(query, ORDER, ['asc', 'desc'] as const) ?? 'desc';
  const page = readInteger(query, PAGE) ?? 1;
  if (page < 1) {
    throw new BadRequestError(`Invalid value '${page}' for parameter 'page': the first page is 1.`);
  }
  const requestedPerPage = readInteger(query, PER_PAGE) ?? DEFAULT_PER_PAGE;
  if (requestedPerPage < 1) {
    throw new BadRequestError(`Invalid value '${requestedPerPage}' for parameter 'perPage': expected at least 1.`);
  }
  // NOTE: the maximum page size of the real service is not documented; the fake caps at 100.
  const perPage = Math.min(requestedPerPage, MAX_PER_PAGE);

  const matches = store
    .all()
    .filter((stored) => stored.organization === organization)
    .map((stored) => stored.incident)
    .filter((incident) => status === undefined || (status === 'active') === isActive(incident))
    .filter((incident) => metric === undefined || incident.metric === metric)
    .filter((incident) => dimensionKey === undefined || incident.dimensionKey === dimensionKey)
    .filter((incident) => ruleId === undefined || incident.ruleId === ruleId)
    .filter((incident) => isWithin(incident.startedAt, startedAfter, startedBefore))
    .filter((incident) => isWithin(incident.resolvedAt, resolvedAfter, resolvedBefore));
  matches.sort((a, b) => compareBy(sortField, order, a, b));

  const pages = Math.ceil(matches.length / perPage);
  const offset = (page - 1) * perPage;
  const body: AlertIncidentPage = {
    results: matches.slice(offset, offset + perPage).map((incident) => structuredClone(incident)),
    pagination: { perPage, page, total: matches.length, pages },
  };
  return jsonResponse(body);
}

/** Returns the active and total incident counts of an organization. */
export function summarizeAlertIncidents(
  context: RouteContext,
  store: AlertIncidentStore,
  defaultOrganization: string,
): RouteResponse {
  const organization = readString(context.query, ORGANIZATION) ?? defaultOrganization;
  const incidents = store
    .all()
    .filter((stored) => stored.organization === organization)
    .map((stored) => stored.incident);
  const body: AlertIncidentSummary = {
    totalCount: incidents.length,
    activeCount: incidents.filter(isActive).length,
  };
  return jsonResponse(body);
}

/** Returns one alert incident, or 404. */
export function getAlertIncident(
  context: RouteContext,
  id: string,
  store: AlertIncidentStore,
  defaultOrganization: string,
): RouteResponse {
  const stored = findInOrganization(context, id, store, defaultOrganization);
  if (stored === undefined) {
    return errorResponse(404, `Alert incident ${id} not found.`, context);
  }
  const body: AlertIncidentDetail = structuredClone(stored.incident);
  return jsonResponse(body);
}

/**
 * Resolves an active incident by hand: `resolvedAt` becomes the fake's clock and the reason
 * `cleared_by_user`. Returns 409 when the incident is already resolved and 404 when unknown.
 */
export function resolveAlertIncident(
  context: RouteContext,
  id: string,
  store: AlertIncidentStore,
  defaultOrganization: string,
): RouteResponse {
  const stored = findInOrganization(context, id, store, defaultOrganization);
  if (stored === undefined) {
    return errorResponse(404, `Alert incident ${id} not found.`, context);
  }
  if (!isActive(stored.incident)) {
    return errorResponse(409, `Alert incident ${id} is already resolved.`, context);
  }

  stored.incident = { ...stored.incident, resolvedAt: context.now, resolutionReason: 'cleared_by_user' };
  const body: ResolvedAlertIncident = structuredClone(stored.incident);
  return jsonResponse(body);
}

function findInOrganization(
  context: RouteContext,
  id: string,
  store: AlertIncidentStore,
  defaultOrganization: string,
): StoredAlertIncident | undefined {
  const organization = readString(context.query, ORGANIZATION) ?? defaultOrganization;
  const stored = store.get(id);
  return stored?.organization === organization ? stored : undefined;
}

function isActive(incident: AlertIncident): boolean {
  return incident.resolvedAt === undefined || incident.resolvedAt === null;
}

/** Returns whether `value` lies in the inclusive bounds; without bounds always true, else false for a missing value. */
function isWithin(value: number | null | undefined, after: number | undefined, before: number | undefined): boolean {
  if (after === undefined && before === undefined) {
    return true;
  }
  if (value === undefined || value === null) {
    return false;
  }
  return (after === undefined || value >= after) && (before === undefined || value <= before);
}

/** Orders by the field; incidents without a value (active ones by `resolvedAt`) sort last either way. */
function compareBy(
  field: (typeof SORT_FIELDS)[number],
  order: 'asc' | 'desc',
  a: AlertIncident,
  b: AlertIncident,
): number {
  const left = a[field];
  const right = b[field];
  if (left === undefined || left === null) {
    return right === undefined || right === null ? 0 : 1;
  }
  if (right === undefined || right === null) {
    return -1;
  }
  return order === 'asc' ? left - right : right - left;
}
