import type { AgentIncident, AlertIncident } from '../../sevensignal/types.ts';
import type { IncidentState } from '../../store/incident-store.ts';
import { buildAgentIncidentMessage } from './agent-incident-message.ts';
import { describeDimensions } from './alert-incident-facts.ts';
import { buildAlertIncidentMessage } from './alert-incident-message.ts';
import { buildIncidentButtons } from './incident-buttons.ts';
import { mention } from './mention.ts';
import { apiText, plainApiText, slackDate } from './mrkdwn.ts';
import { describeSnoozeMatch } from './snooze-label.ts';
import { buildSnoozeButtons } from './snooze-buttons.ts';
import type { Block, SlackMessage } from './slack-message.ts';

/** A Slack user and the time (epoch milliseconds) of what they did. */
export interface UserAction {
  userId: string;
  at: number;
}

/** An active snooze of the incident's scope: until when, who set it, and the scope in words. */
export interface SnoozeView {
  until: number;
  userId: string;
  label: string;
}

interface ViewBase {
  state: IncidentState;
  acknowledgement?: UserAction;
  /** Set while a snooze holds back new incidents like this one. */
  snooze?: SnoozeView;
}

/** Everything an incident message shows: the API data and the state the bot keeps in SQLite. */
export type IncidentView =
  | (ViewBase & { kind: 'agent'; incident: AgentIncident })
  | (ViewBase & { kind: 'alert'; incident: AlertIncident; resolvedBy?: UserAction });

function handlingLines(view: IncidentView): string[] {
  const lines: string[] = [];
  if (view.acknowledgement !== undefined) {
    lines.push(`✅ Acknowledged by ${mention(view.acknowledgement.userId)} at ${slackDate(view.acknowledgement.at)}`);
  }
  if (view.kind === 'alert' && view.resolvedBy !== undefined) {
    lines.push(`Resolved in Slack by ${mention(view.resolvedBy.userId)} at ${slackDate(view.resolvedBy.at)}`);
  }
  if (view.snooze !== undefined) {
    lines.push(
      `🔕 Snoozed until ${slackDate(view.snooze.until)} by ${mention(view.snooze.userId)}: new incidents with ${describeSnoozeMatch(view.kind)} (${apiText(view.snooze.label)}) are recorded, not posted`,
    );
  }
  return lines;
}

function summaryOf(view: IncidentView): string {
  if (view.kind === 'agent') {
    return `${plainApiText(view.incident.type, 'Incident')} at ${plainApiText(view.incident.locationName, 'unknown location')}`;
  }
  const dimensions = describeDimensions(view.incident.dimensionSet, view.incident.dimensionKey);
  return `${plainApiText(view.incident.metric, 'unknown metric')}${dimensions === undefined ? '' : ` for ${dimensions}`}`;
}

/**
 * Builds the message of an incident as the bot posts and updates it. It has the layout of its
 * kind, lines saying who acknowledged (and who resolved it in Slack) and until when its scope is
 * snoozed, the buttons, and below them the snooze buttons.
 */
export function buildIncidentMessage(view: IncidentView, now: number): SlackMessage {
  const base =
    view.kind === 'agent'
      ? buildAgentIncidentMessage(view.incident, now)
      : buildAlertIncidentMessage(view.incident, now, view.state === 'resolved');

  const blocks: Block[] = [...base.blocks];
  const lines = handlingLines(view);
  if (lines.length > 0) {
    // Below the header and the facts, above the thresholds and ids.
    blocks.splice(2, 0, { type: 'context', elements: lines.map((text) => ({ type: 'mrkdwn', text })) });
  }

  blocks.push(
    buildIncidentButtons({
      kind: view.kind,
      id: view.incident.id ?? '',
      acknowledged: view.acknowledgement !== undefined,
      resolvable: view.kind === 'alert' && view.state !== 'resolved',
      summary: summaryOf(view),
    }),
    buildSnoozeButtons({ kind: view.kind, id: view.incident.id ?? '' }, view.snooze !== undefined),
  );

  return { ...base, blocks };
}
