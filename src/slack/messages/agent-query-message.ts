import type { AgentIncident } from '../../sevensignal/types.ts';
import { formatBand, formatImpact, parseTimestamp, reportedEnd } from './agent-incident-facts.ts';
import { formatDuration, slackDate } from './mrkdwn.ts';
import {
  compactText,
  layoutQueryResult,
  MAX_LISTED_INCIDENTS,
  type QueryResultFrame,
} from './query-result-message.ts';
import type { SlackMessage } from './slack-message.ts';

/** Maximum number of location names in the hint of an empty result. */
const MAX_HINT_LOCATIONS = 10;

export interface AgentQueryMessageInput {
  /** Incidents that matched, newest first. */
  incidents: AgentIncident[];
  /** Location names of everything listed before the filters. */
  listedLocationNames: string[];
  /** Whether the query filtered by location name, which makes the names above a useful hint. */
  filteredByLocationName: boolean;
}

/** Two compact lines: what and where, then impact, start and duration (or how long it has been going on). */
export function formatAgentIncidentEntry(incident: AgentIncident, asOf: number): string {
  const start = parseTimestamp(incident.startTimestamp);
  const end = reportedEnd(incident, asOf);

  const what = [
    `${end === undefined ? '🔴' : '🟢'} *${compactText(incident.type, 'Incident')}*`,
    compactText(incident.locationName ?? incident.location, 'unknown location'),
    compactText(incident.network, 'unknown SSID'),
    formatBand(incident.band),
  ].join(' · ');

  let duration: string;
  if (end === undefined) {
    duration = start === undefined ? 'ongoing' : `ongoing for ${formatDuration(asOf - start)}`;
  } else {
    duration = start === undefined ? 'ended' : `lasted ${formatDuration(end - start)}`;
  }
  const when = start === undefined ? 'start not reported' : `started ${slackDate(start)}`;

  return `${what}\n${formatImpact(incident.countImpacted, incident.populationCount)} · ${when} · ${duration}`;
}

function emptyHint(result: AgentQueryMessageInput): string | undefined {
  if (!result.filteredByLocationName || result.listedLocationNames.length === 0) {
    return undefined;
  }

  const names = result.listedLocationNames.slice(0, MAX_HINT_LOCATIONS).map((name) => compactText(name, 'unknown'));
  const hidden = result.listedLocationNames.length - names.length;
  const more = hidden > 0 ? ` and ${hidden} more` : '';
  return `Locations with incidents in this window: ${names.join(', ')}${more}.`;
}

/** Builds the result message of an agent-incident query. */
export function buildAgentQueryMessage(frame: QueryResultFrame, result: AgentQueryMessageInput): SlackMessage {
  const groups = new Map<string, { name: string; total: number; active: number }>();
  let active = 0;

  for (const incident of result.incidents) {
    const isActive = reportedEnd(incident, frame.asOf) === undefined;
    const name = incident.locationName ?? incident.location ?? 'unknown location';
    const group = groups.get(name) ?? { name, total: 0, active: 0 };
    group.total += 1;
    group.active += isActive ? 1 : 0;
    groups.set(name, group);
    active += isActive ? 1 : 0;
  }

  return layoutQueryResult(frame, {
    noun: { one: 'incident', many: 'incidents' },
    total: result.incidents.length,
    active,
    breakdown: { title: 'By location', groups: [...groups.values()] },
    entries: result.incidents.slice(0, MAX_LISTED_INCIDENTS).map((incident) => formatAgentIncidentEntry(incident, frame.asOf)),
    emptyHint: emptyHint(result),
  });
}
