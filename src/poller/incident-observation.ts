import { createHash } from 'node:crypto';
import type { AgentIncident, AlertIncident } from '../sevensignal/types.ts';
import type { IncidentState, ObservedIncident } from '../store/incident-store.ts';
import { reportedEnd } from '../slack/messages/agent-incident-facts.ts';

/** Computes a short fingerprint of serialized incident data. A poll computes thousands, so it is SHA-1, not SHA-256. */
function fingerprintOf(serialized: string): string {
  return createHash('sha1').update(serialized).digest('base64url');
}

/**
 * Joins the fields of an agent incident that its message shows, joined with a separator no API value
 * contains. `asOfTimestamp` is left out because it moves with every evaluation. Picking the fields
 * costs far less than serializing the whole incident, which a poll of thousands does each cycle.
 * NOTE: a field that the API adds later does not change the fingerprint until it is listed here.
 */
function agentFingerprintSource(incident: AgentIncident): string {
  const thresholds = incident.thresholds ?? {};
  return [
    incident.id,
    incident.type,
    incident.location,
    incident.locationName,
    incident.network,
    incident.band,
    incident.countImpacted,
    incident.populationCount,
    incident.organizationName,
    incident.startTimestamp,
    incident.timestampDeterminedToBeIncident,
    incident.endTimestamp,
    thresholds.warningThreshold,
    thresholds.criticalThreshold,
    thresholds.successRateThreshold,
    thresholds.minPopulationCount,
    thresholds.minCountImpacted,
    thresholds.minPercentImpacted,
    thresholds.minIncidentDurationMinutes,
  ].join('\u001f');
}

/** Returns the state of an agent incident at `now`: recovered once its reported end is in the past. */
export function agentIncidentState(incident: AgentIncident, now: number): IncidentState {
  return reportedEnd(incident, now) === undefined ? 'open' : 'recovered';
}

/** Returns the state of an alert-rule incident: resolved once it has `resolvedAt`. */
export function alertIncidentState(incident: AlertIncident): IncidentState {
  return incident.resolvedAt === undefined || incident.resolvedAt === null ? 'open' : 'resolved';
}

/**
 * Converts an agent incident to the form the seen-set stores. The fingerprint leaves out `asOfTimestamp`, which
 * moves with every evaluation, so that only changes a message shows (such as the impacted count)
 * lead to a refresh.
 */
export function observeAgentIncident(incident: AgentIncident, now: number): ObservedIncident {
  return {
    id: incident.id!,
    // Serialized only when the seen-set writes it: for a new incident or changed data.
    get payload() {
      return JSON.stringify(incident);
    },
    state: agentIncidentState(incident, now),
    fingerprint: fingerprintOf(agentFingerprintSource(incident)),
  };
}

/** Converts an alert-rule incident to the form the seen-set stores. */
export function observeAlertIncident(incident: AlertIncident): ObservedIncident {
  const payload = JSON.stringify(incident);
  return {
    id: incident.id!,
    payload,
    state: alertIncidentState(incident),
    fingerprint: fingerprintOf(payload),
  };
}
