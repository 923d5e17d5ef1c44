import type { AgentIncident } from '../../sevensignal/types.ts';
import { reportedEnd } from './agent-incident-facts.ts';
import { apiText } from './mrkdwn.ts';
import type { SlackMessage } from './slack-message.ts';

/** Locations listed by name in the summary; the rest are counted. */
const MAX_LOCATIONS = 10;

/**
 * Builds the one message posted on the first run in place of a post per incident: how many
 * incidents are open, where, and that new ones will be posted from now on.
 */
export function buildFirstRunSummary(incidents: AgentIncident[], now: number): SlackMessage {
  const open = incidents.filter((incident) => reportedEnd(incident, now) === undefined);
  const recovered = incidents.length - open.length;

  const byLocation = new Map<string, number>();
  for (const incident of open) {
    const name = incident.locationName ?? incident.location ?? 'unknown location';
    byLocation.set(name, (byLocation.get(name) ?? 0) + 1);
  }
  const locations = [...byLocation.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));

  const openText = open.length === 1 ? '1 Wi-Fi incident is open' : `${open.length} Wi-Fi incidents are open`;
  const recoveredText = recovered > 0 ? ` and ${recovered} recovered in the last 24 hours` : '';
  const headline = `Now watching 7SIGNAL for Wi-Fi incidents. ${openText}${recoveredText}; they are not posted one by one. New incidents are posted here as they qualify.`;

  const lines = locations.slice(0, MAX_LOCATIONS).map(([name, count]) => `• ${apiText(name)}: ${count}`);
  if (locations.length > MAX_LOCATIONS) {
    lines.push(`• and ${locations.length - MAX_LOCATIONS} more locations`);
  }

  const blocks: SlackMessage['blocks'] = [{ type: 'section', text: { type: 'mrkdwn', text: headline } }];
  if (lines.length > 0) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `*Open incidents by location*\n${lines.join('\n')}` } });
  }

  return { text: headline, blocks };
}
