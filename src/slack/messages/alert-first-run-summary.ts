import type { AlertIncident } from '../../sevensignal/types.ts';
import { apiText } from './mrkdwn.ts';
import type { SlackMessage } from './slack-message.ts';

/** Metrics listed by name in the summary; the rest are counted. */
const MAX_METRICS = 10;

/**
 * Builds the one message posted on the first alert-rule poll in place of a post per incident:
 * how many alert incidents are active, for which metrics, and that new ones will be posted.
 */
export function buildAlertFirstRunSummary(incidents: AlertIncident[]): SlackMessage {
  const active = incidents.filter((incident) => incident.resolvedAt === undefined || incident.resolvedAt === null);
  const resolved = incidents.length - active.length;

  const byMetric = new Map<string, number>();
  for (const incident of active) {
    const metric = incident.metric ?? 'unknown metric';
    byMetric.set(metric, (byMetric.get(metric) ?? 0) + 1);
  }
  const metrics = [...byMetric.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));

  const activeText = active.length === 1 ? '1 alert-rule incident is active' : `${active.length} alert-rule incidents are active`;
  const resolvedText = resolved > 0 ? ` and ${resolved} were resolved in the last 24 hours` : '';
  const headline = `Now watching 7SIGNAL alert rules. ${activeText}${resolvedText}; they are not posted one by one. New alert-rule incidents are posted here as they start.`;

  const lines = metrics.slice(0, MAX_METRICS).map(([metric, count]) => `• ${apiText(metric)}: ${count}`);
  if (metrics.length > MAX_METRICS) {
    lines.push(`• and ${metrics.length - MAX_METRICS} more metrics`);
  }

  const blocks: SlackMessage['blocks'] = [{ type: 'section', text: { type: 'mrkdwn', text: headline } }];
  if (lines.length > 0) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `*Active alert-rule incidents by metric*\n${lines.join('\n')}` } });
  }

  return { text: headline, blocks };
}
