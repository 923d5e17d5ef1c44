/**
 * Builders of realistic, contract-shaped incidents for the fake 7SIGNAL API. Values not given in
 * `overrides` are drawn at random from plausible ranges; timestamps are relative to `Date.now()`.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { AgentIncident, AlertIncident } from '../../sevensignal/types.ts';

type Band = NonNullable<AgentIncident['band']>;

/** Sites with stable ids, so incidents made at different times share a location. */
export const SAMPLE_LOCATIONS: readonly { id: string; name: string }[] = [
  { id: '4d707bdf-e986-47ef-9165-4c12be8f2f2a', name: 'Main Campus - Floor 2' },
  { id: '2f0b7b2e-c3a6-4f5c-9dd7-d40011c3ec29', name: 'Main Campus - Floor 3' },
  { id: 'fa13c527-de37-4995-8e56-2de5c0e008d8', name: 'North Clinic - Lobby' },
  { id: 'b770e899-9a1a-458d-966c-6c53fb3a197e', name: 'Warehouse East - Dock' },
  { id: 'e075854a-4a14-49cd-876a-18e739058efb', name: 'HQ Tower - Floor 11' },
];

const NETWORKS = ['CorpWiFi', 'CorpGuest', 'Clinical-IoT', 'eduroam'] as const;
const BANDS: readonly Band[] = [2.4, 5, 6];
const AGENT_INCIDENT_TYPES = ['CONNECTION', 'AUTHENTICATION', 'DHCP', 'DNS'] as const;
const ORGANIZATION_NAME = 'Acme Health';

const MINUTE_MS = 60 * 1000;

let nextTicketNumber = 1000;

/**
 * Builds an ongoing agent incident with thresholds nested under `thresholds`, as listed. Without
 * overrides it started 45 minutes ago and qualified `minIncidentDurationMinutes` after its start,
 * so an overridden `startTimestamp` moves `timestampDeterminedToBeIncident` with it.
 */
export function makeAgentIncident(overrides: Partial<AgentIncident> = {}): AgentIncident {
  const now = Date.now();
  const location = pick(SAMPLE_LOCATIONS);
  const minIncidentDurationMinutes = overrides.thresholds?.minIncidentDurationMinutes ?? 15;
  const start = overrides.startTimestamp === undefined ? now - 45 * MINUTE_MS : Date.parse(overrides.startTimestamp);
  if (Number.isNaN(start)) {
    throw new Error(`Invalid startTimestamp override '${overrides.startTimestamp}': expected an ISO 8601 date-time.`);
  }
  const qualifiedAt = new Date(start + minIncidentDurationMinutes * MINUTE_MS).toISOString();
  const populationCount = randomInt(20, 201);
  const minCountImpacted = 5;

  return {
    id: randomUUID(),
    startTimestamp: new Date(start).toISOString(),
    timestampDeterminedToBeIncident: qualifiedAt,
    asOfTimestamp: new Date(now).toISOString(),
    organizationName: ORGANIZATION_NAME,
    type: pick(AGENT_INCIDENT_TYPES),
    location: location.id,
    locationName: location.name,
    network: pick(NETWORKS),
    band: pick(BANDS),
    countImpacted: randomInt(minCountImpacted, populationCount + 1),
    populationCount,
    thresholds: {
      warningThreshold: 10,
      criticalThreshold: 25,
      successRateThreshold: 90,
      minPopulationCount: 10,
      minCountImpacted,
      minPercentImpacted: 10,
      minIncidentDurationMinutes,
    },
    ...overrides,
  };
}

/**
 * Builds an active alert incident of a `client_health_score` rule keyed by network and band, which
 * started 20 minutes ago. `id` and `ruleId` are UUIDs, as the contract declares them.
 */
export function makeAlertIncident(overrides: Partial<AlertIncident> = {}): AlertIncident {
  const network = pick(NETWORKS);
  const band = pick(BANDS);
  const thresholdValue = 70;
  nextTicketNumber += 1;

  return {
    id: randomUUID(),
    ticketId: String(nextTicketNumber),
    ruleId: randomUUID(),
    metric: 'client_health_score',
    dimensionSet: ['network', 'band'],
    dimensionKey: `${network}|${band}`,
    startedAt: Date.now() - 20 * MINUTE_MS,
    resolvedAt: null,
    resolutionReason: null,
    triggerValue: thresholdValue - randomInt(1, 30),
    resolveValue: null,
    snapshot: {
      thresholdValue,
      thresholdOperator: '<',
      aggregationFunction: 'avg',
      pendingPeriodSeconds: 300,
      dimensionFilters: null,
    },
    ...overrides,
  };
}

function pick<T>(values: readonly T[]): T {
  const value = values[randomInt(values.length)];
  if (value === undefined) {
    throw new Error('Cannot pick from an empty list.');
  }
  return value;
}
