import { parseTimestamp, reportedEnd } from './agent-incident-facts.ts';
import { describeResolutionReason } from './alert-incident-facts.ts';
import type { IncidentView } from './incident-message.ts';
import { mention } from './mention.ts';
import { apiText, formatDuration, slackDate } from './mrkdwn.ts';
import type { SlackMessage } from './slack-message.ts';

function lasted(start: number | undefined, end: number | undefined): string {
  return start === undefined || end === undefined ? '' : ` after ${formatDuration(end - start)}`;
}

function at(end: number | undefined): string {
  return end === undefined ? '' : ` at ${slackDate(end)}`;
}

function agentReply(view: Extract<IncidentView, { kind: 'agent' }>, now: number): string {
  if (view.state !== 'recovered') {
    return '🔴 Ongoing again: 7SIGNAL no longer reports an end for this incident.';
  }
  const end = reportedEnd(view.incident, now);
  return `🟢 Recovered${at(end)}${lasted(parseTimestamp(view.incident.startTimestamp), end)}.`;
}

function alertReply(view: Extract<IncidentView, { kind: 'alert' }>): string {
  if (view.state !== 'resolved') {
    return '🔴 Active again: 7SIGNAL reports this incident as active.';
  }

  const end = view.incident.resolvedAt ?? view.resolvedBy?.at;
  const duration = lasted(view.incident.startedAt, end);
  if (view.resolvedBy !== undefined) {
    return `🟢 Resolved by ${mention(view.resolvedBy.userId)} in Slack${at(end)}${duration}.`;
  }
  if (view.incident.resolutionReason === 'cleared_by_user') {
    return `🟢 Resolved by hand outside Slack (in Mobile Eye or through the API)${at(end)}${duration}.`;
  }
  return `🟢 Resolved${at(end)}${duration}: ${apiText(describeResolutionReason(view.incident.resolutionReason))}.`;
}

/** Metadata event type of the thread reply that announces a change of state. */
export const STATE_CHANGE_EVENT_TYPE = 'wifi_incident_state';

/** Builds the short thread reply that announces a change of state of an incident. */
export function buildStateChangeReply(view: IncidentView, now: number): SlackMessage {
  const text = view.kind === 'agent' ? agentReply(view, now) : alertReply(view);
  return {
    text,
    blocks: [],
    metadata: { event_type: STATE_CHANGE_EVENT_TYPE, event_payload: { kind: view.kind, id: view.incident.id ?? '', state: view.state } },
  };
}
