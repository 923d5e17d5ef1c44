import type { AlertIncident } from '../../sevensignal/types.ts';
import { describeAlertDimensions } from './alert-dimensions.ts';
import { formatDuration, slackDate } from './mrkdwn.ts';
import {
  compactText,
  layoutQueryResult,
  MAX_LISTED_INCIDENTS,
  type QueryResultFrame,
} from './query-result-message.ts';
import type { SlackMessage } from './slack-message.ts';

/** Returns whether the alert-rule incident was still active at `asOf`: not resolved, or resolved later. */
export function isAlertActive(incident: AlertIncident, asOf: number): boolean {
  return incident.resolvedAt === undefined || incident.resolvedAt === null || incident.resolvedAt > asOf;
}

function formatValue(value: number | null | undefined): string | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? String(Number(value.toFixed(2))) : undefined;
}

function describeTrigger(incident: AlertIncident): string {
  const value = formatValue(incident.triggerValue);
  const threshold = formatValue(incident.snapshot?.thresholdValue);
  const operator = incident.snapshot?.thresholdOperator;
  const rule = threshold === undefined ? '' : ` (threshold ${operator === undefined ? '' : `${compactText(operator, '')} `}${threshold})`;
  return value === undefined ? `trigger value not reported${rule}` : `value ${value}${rule}`;
}

/** Two compact lines: metric, dimensions and ticket, then trigger value, start and duration. */
export function formatAlertIncidentEntry(incident: AlertIncident, asOf: number): string {
  const active = isAlertActive(incident, asOf);
  const start = incident.startedAt;
  const ticket = incident.ticketId === undefined ? '' : ` · ticket ${compactText(incident.ticketId, '')}`;
  const what = `${active ? '🔴' : '🟢'} *${compactText(incident.metric, 'alert')}* · ${compactText(describeAlertDimensions(incident), 'no dimensions')}${ticket}`;

  let duration: string;
  if (active) {
    duration = start === undefined ? 'ongoing' : `ongoing for ${formatDuration(asOf - start)}`;
  } else {
    const reason = incident.resolutionReason ? ` (${compactText(incident.resolutionReason.replace(/_/g, ' '), '')})` : '';
    duration = start === undefined ? `resolved${reason}` : `resolved after ${formatDuration(incident.resolvedAt! - start)}${reason}`;
  }
  const when = start === undefined ? 'start not reported' : `started ${slackDate(start)}`;

  return `${what}\n${describeTrigger(incident)} · ${when} · ${duration}`;
}

/** Builds the result message of an alert-rule incident query, counted per dimension set such as `network CorpWiFi, band 5`. */
export function buildAlertQueryMessage(frame: QueryResultFrame, incidents: AlertIncident[]): SlackMessage {
  const groups = new Map<string, { name: string; total: number; active: number }>();
  let active = 0;

  for (const incident of incidents) {
    const isActive = isAlertActive(incident, frame.asOf);
    const name = describeAlertDimensions(incident);
    const group = groups.get(name) ?? { name, total: 0, active: 0 };
    group.total += 1;
    group.active += isActive ? 1 : 0;
    groups.set(name, group);
    active += isActive ? 1 : 0;
  }

  return layoutQueryResult(frame, {
    noun: { one: 'alert-rule incident', many: 'alert-rule incidents' },
    total: incidents.length,
    active,
    breakdown: { title: 'By dimensions', groups: [...groups.values()] },
    entries: incidents.slice(0, MAX_LISTED_INCIDENTS).map((incident) => formatAlertIncidentEntry(incident, frame.asOf)),
  });
}
