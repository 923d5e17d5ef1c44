import type { AgentIncident, AlertIncident } from '../sevensignal/types.ts';
import { alertDimensions } from '../slack/messages/alert-dimensions.ts';
import type { IncidentKind } from '../store/incident-store.ts';

/** The facts of an incident that routes and snoozes match on, taken from either kind of incident. */
export interface IncidentFacts {
  kind: IncidentKind;
  id: string;
  /** The organization as configured for polling; empty for the organization of the API key. */
  organization: string;
  /** The organization name the API reports; agent incidents only. */
  organizationName?: string;
  /** Location UUID in lower case; for alert-rule incidents the `location_id` dimension. */
  locationId?: string;
  /** Location name; agent incidents only. */
  locationName?: string;
  /** SSID; for alert-rule incidents the `network` dimension. */
  network?: string;
  /** Band in GHz; for alert-rule incidents the `band` dimension. */
  band?: number;
  /** Agent incident type, such as `CONNECTION`. */
  type?: string;
  metric?: string;
  ruleId?: string;
  /** Dimension names of an alert-rule incident's rule, such as `network` and `band`. */
  dimensionSet?: string[];
  /** Dimension values of an alert-rule incident joined by `|`, as the API sends them. */
  dimensionKey?: string;
  countImpacted?: number;
  populationCount?: number;
}

function text(value: string | null | undefined): string | undefined {
  return value === undefined || value === null || value.trim() === '' ? undefined : value;
}

/** Takes the routing facts of an agent incident listed for `organization`. */
export function agentIncidentFacts(incident: AgentIncident, organization: string): IncidentFacts {
  return {
    kind: 'agent',
    id: incident.id ?? '',
    organization,
    organizationName: text(incident.organizationName),
    locationId: text(incident.location)?.toLowerCase(),
    locationName: text(incident.locationName),
    network: text(incident.network),
    band: typeof incident.band === 'number' && Number.isFinite(incident.band) ? incident.band : undefined,
    type: text(incident.type),
    countImpacted: incident.countImpacted,
    populationCount: incident.populationCount,
  };
}

/** Takes the routing facts of an alert-rule incident listed for `organization`; places come from its dimensions. */
export function alertIncidentFacts(incident: AlertIncident, organization: string): IncidentFacts {
  const dimensions = alertDimensions(incident);
  const band = Number(dimensions.get('band'));
  return {
    kind: 'alert',
    id: incident.id ?? '',
    organization,
    locationId: text(dimensions.get('location_id'))?.toLowerCase(),
    network: text(dimensions.get('network')),
    band: dimensions.has('band') && Number.isFinite(band) ? band : undefined,
    metric: text(incident.metric),
    ruleId: text(incident.ruleId),
    dimensionSet: incident.dimensionSet,
    dimensionKey: incident.dimensionKey,
  };
}

/** Takes the routing facts of an incident stored as JSON, as the seen-set keeps it. */
export function storedIncidentFacts(kind: IncidentKind, organization: string, payload: string): IncidentFacts {
  return kind === 'agent'
    ? agentIncidentFacts(JSON.parse(payload) as AgentIncident, organization)
    : alertIncidentFacts(JSON.parse(payload) as AlertIncident, organization);
}
