import type { AlertIncident } from '../../sevensignal/types.ts';
import {
  describeDimensions,
  describeResolutionReason,
  describeThreshold,
  formatMetricValue,
} from './alert-incident-facts.ts';
import { apiText, formatDuration, formatUtc, plainApiText, slackDate, truncate } from './mrkdwn.ts';
import { INCIDENT_EVENT_TYPE, type Block, type SlackMessage } from './slack-message.ts';

/** Block Kit limit of a header's text. */
const MAX_HEADER = 150;

function timeField(label: string, epochMs: number | null | undefined): string {
  return `*${label}*\n${epochMs === undefined || epochMs === null ? 'not reported' : slackDate(epochMs)}`;
}

function describeState(incident: AlertIncident, resolved: boolean, now: number): string {
  const start = incident.startedAt;
  const end = incident.resolvedAt ?? undefined;

  // No duration while active: a posted message is not edited as time passes, so it would go stale.
  if (!resolved) {
    return 'Active';
  }
  if (start === undefined || end === undefined) {
    return 'Resolved';
  }
  return `Resolved after ${formatDuration(end - start)}`;
}

/**
 * Builds the message for one alert-rule incident: the metric and its dimension values in the
 * header, then the trigger value against the rule's threshold, start, state and, once resolved,
 * the time and the reason. `resolved` marks the incident resolved even when the API data has no
 * `resolvedAt`, as after a 409 from the resolve call whose details could not be read.
 */
export function buildAlertIncidentMessage(
  incident: AlertIncident,
  now: number,
  resolved: boolean = incident.resolvedAt !== undefined && incident.resolvedAt !== null,
): SlackMessage {
  const metric = plainApiText(incident.metric, 'unknown metric');
  const dimensions = describeDimensions(incident.dimensionSet, incident.dimensionKey);
  const threshold = describeThreshold(incident.snapshot);
  const trigger = formatMetricValue(incident.triggerValue);

  const fields = [
    `*Metric*\n${apiText(incident.metric, 'unknown metric')}`,
    `*Dimensions*\n${apiText(dimensions, 'none')}`,
    `*Trigger value*\n${trigger} (threshold ${threshold === undefined ? 'not reported' : apiText(threshold)})`,
    timeField('Started', incident.startedAt),
    `*State*\n${describeState(incident, resolved, now)}`,
  ];
  if (resolved) {
    fields.push(timeField('Resolved', incident.resolvedAt));
    fields.push(`*Reason*\n${apiText(describeResolutionReason(incident.resolutionReason))}`);
    if (incident.resolveValue !== undefined && incident.resolveValue !== null) {
      fields.push(`*Resolve value*\n${formatMetricValue(incident.resolveValue)}`);
    }
  }

  const where = dimensions === undefined ? '' : `: ${plainApiText(dimensions)}`;
  const blocks: Block[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: truncate(`${resolved ? '🟢' : '🔴'} ${metric} alert${where}`, MAX_HEADER), emoji: true },
    },
    { type: 'section', fields: fields.map((text) => ({ type: 'mrkdwn', text })) },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `Ticket ${apiText(incident.ticketId, 'none')} · Rule \`${apiText(incident.ruleId)}\` · Incident \`${apiText(incident.id)}\``,
        },
      ],
    },
  ];

  const startText = incident.startedAt === undefined ? '' : `, started ${formatUtc(incident.startedAt)}`;
  const dimensionText = dimensions === undefined ? '' : ` for ${apiText(dimensions)}`;
  const thresholdText = threshold === undefined ? '' : `, threshold ${apiText(threshold)}`;
  const text = `Wi-Fi alert: ${apiText(incident.metric, 'unknown metric')}${dimensionText}: value ${trigger}${thresholdText}${startText}`;

  return {
    text,
    blocks,
    metadata: { event_type: INCIDENT_EVENT_TYPE, event_payload: { kind: 'alert', id: incident.id ?? '' } },
  };
}
