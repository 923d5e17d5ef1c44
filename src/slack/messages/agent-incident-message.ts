import type { AgentIncident } from '../../sevensignal/types.ts';
import {
  describeThresholds,
  formatBand,
  formatImpact,
  parseTimestamp,
  reportedEnd,
} from './agent-incident-facts.ts';
import { apiText, formatDuration, formatUtc, plainApiText, slackDate, truncate } from './mrkdwn.ts';
import { INCIDENT_EVENT_TYPE, type Block, type SlackMessage } from './slack-message.ts';

/** Block Kit limit of a header's text. */
const MAX_HEADER = 150;

function timeField(label: string, epochMs: number | undefined): string {
  return `*${label}*\n${epochMs === undefined ? 'not reported' : slackDate(epochMs)}`;
}

/**
 * Builds the message for one agent incident: type and location in the header, then network, band,
 * impact, times, the thresholds that qualified it, the organization and the incident id.
 */
export function buildAgentIncidentMessage(incident: AgentIncident, now: number): SlackMessage {
  const type = plainApiText(incident.type, 'Incident');
  const location = plainApiText(incident.locationName ?? incident.location, 'unknown location');
  const start = parseTimestamp(incident.startTimestamp);
  const qualified = parseTimestamp(incident.timestampDeterminedToBeIncident);
  const end = reportedEnd(incident, now);
  const impact = formatImpact(incident.countImpacted, incident.populationCount);
  const band = formatBand(incident.band);

  // An ongoing incident shows no duration: a posted message is not edited as time passes, so a
  // duration would go stale. The start is shown in its own field.
  const state =
    end === undefined ? 'Ongoing' : `Recovered after ${start === undefined ? 'an unknown time' : formatDuration(end - start)}`;

  const fields = [
    `*Location*\n${apiText(incident.locationName ?? incident.location, 'unknown location')}`,
    `*Network*\n${apiText(incident.network, 'unknown SSID')}`,
    `*Band*\n${band}`,
    `*Impacted*\n${impact}`,
    timeField('Started', start),
    timeField('Qualified', qualified),
    `*State*\n${state}`,
  ];
  if (end !== undefined) {
    fields.push(timeField('Recovered', end));
  }

  const thresholds = describeThresholds(incident.thresholds);
  const blocks: Block[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: truncate(`${end === undefined ? '🔴' : '🟢'} ${type} at ${location}`, MAX_HEADER), emoji: true },
    },
    { type: 'section', fields: fields.map((text) => ({ type: 'mrkdwn', text })) },
  ];

  if (thresholds.length > 0) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `Qualified by thresholds: ${thresholds.join(', ')}` }],
    });
  }

  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: `Organization ${apiText(incident.organizationName, 'default')} · Incident \`${apiText(incident.id)}\``,
      },
    ],
  });

  const startText = start === undefined ? '' : `, started ${formatUtc(start)}`;
  const text = `Wi-Fi incident: ${apiText(incident.type, 'Incident')} at ${apiText(incident.locationName, 'unknown location')} (${apiText(incident.network, 'unknown SSID')}, ${band}): ${impact} impacted${startText}`;

  return {
    text,
    blocks,
    metadata: { event_type: INCIDENT_EVENT_TYPE, event_payload: { kind: 'agent', id: incident.id ?? '' } },
  };
}
