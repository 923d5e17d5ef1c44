import { createHash } from 'node:crypto';
import type { AgentIncident, AlertIncident } from '../sevensignal/types.ts';
import type { IncidentState, ObservedIncident } from '../store/incident-store.ts';
import { reportedEnd } from '../slack/messages/agent-incident-facts.ts';

function fingerprintOf(data: unknown): string {
  return createHash('sha256').update(JSON.stringify(data)).digest('base64url');
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
  const { asOfTimestamp: _evaluatedAt, ...shown } = incident;
  return {
    id: incident.id!,
    payload: JSON.stringify(incident),
    state: agentIncidentState(incident, now),
    fingerprint: fingerprintOf(shown),
  };
}

/** Converts an alert-rule incident to the form the seen-set stores. */
export function observeAlertIncident(incident: AlertIncident): ObservedIncident {
  return {
    id: incident.id!,
    payload: JSON.stringify(incident),
    state: alertIncidentState(incident),
    fingerprint: fingerprintOf(incident),
  };
}
