import type { IncidentView } from './incident-message.ts';
import { describeDimensions } from './alert-incident-facts.ts';
import { apiText, formatDuration } from './mrkdwn.ts';
import type { SlackMessage } from './slack-message.ts';

/** Metadata event type of a reminder reply; its payload names the incident. */
export const REMINDER_EVENT_TYPE = 'wifi_incident_reminder';

/** A Slack user-group id, which alone is mentioned as `<!subteam^ID>`. */
const USER_GROUP_ID = /^S[A-Z0-9]+$/;

function summaryOf(view: IncidentView): string {
  if (view.kind === 'agent') {
    return `${apiText(view.incident.type, 'Incident')} at ${apiText(view.incident.locationName ?? view.incident.location, 'unknown location')}`;
  }
  const dimensions = describeDimensions(view.incident.dimensionSet, view.incident.dimensionKey);
  return `${apiText(view.incident.metric, 'unknown metric')}${dimensions === undefined ? '' : ` for ${apiText(dimensions)}`}`;
}

/**
 * Builds the thread reply about an open incident without an acknowledgement, `openForMs` after it
 * was posted, mentioning the user group `mention` when given. The incident is named because the
 * reply may sit in a digest thread with many incidents.
 */
export function buildReminderMessage(view: IncidentView, openForMs: number, mention?: string): SlackMessage {
  const group = mention !== undefined && USER_GROUP_ID.test(mention) ? `<!subteam^${mention}> ` : '';
  const text = `⏰ ${group}Still open and not acknowledged after ${formatDuration(openForMs)}: ${summaryOf(view)}.`;
  return {
    text,
    blocks: [],
    metadata: { event_type: REMINDER_EVENT_TYPE, event_payload: { kind: view.kind, id: view.incident.id ?? '' } },
  };
}
