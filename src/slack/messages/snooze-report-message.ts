import { formatBand, formatImpact, parseTimestamp } from './agent-incident-facts.ts';
import { describeDimensions, formatMetricValue } from './alert-incident-facts.ts';
import type { IncidentView } from './incident-message.ts';
import { mention } from './mention.ts';
import { apiText, slackDate, truncate } from './mrkdwn.ts';
import type { Block, SlackMessage } from './slack-message.ts';

/** Metadata event type of the report of an ended snooze. Its payload names the snooze as kind `snooze` and its id. */
export const SNOOZE_END_EVENT_TYPE = 'wifi_incident_snooze_end';

/**
 * Held-back incidents listed one per line; the rest are counted. A line with its date token is
 * about 160 characters, so 15 lines fit the section limit; longer lines end the list earlier.
 */
export const MAX_LISTED_HELD = 15;

/** Block Kit allows 3000 characters in a section text. */
const MAX_SECTION_TEXT = 3000;

/** Characters kept of a name before escaping, so that a line stays short. */
const MAX_NAME = 80;

function escapedName(value: string | undefined | null, fallback: string): string {
  return apiText(value === undefined || value === null ? value : truncate(value, MAX_NAME), fallback);
}

/** The end of a snooze and what it held back. */
export interface SnoozeReport {
  snoozeId: number;
  /** The scope in words, as stored with the snooze. */
  label: string;
  createdAt: number;
  endedAt: number;
  /** The user who pressed End snooze; null when its end time passed. */
  endedBy: string | null;
  held: IncidentView[];
}

function heldLine(view: IncidentView): string {
  const over = view.state === 'open' ? '' : ` · now ${view.state}`;
  if (view.kind === 'agent') {
    const { incident } = view;
    const start = parseTimestamp(incident.startTimestamp);
    return (
      `• ${escapedName(incident.type, 'Incident')} at ${escapedName(incident.locationName ?? incident.location, 'unknown location')}` +
      ` (${escapedName(incident.network, 'unknown SSID')}, ${formatBand(incident.band)}): ${formatImpact(incident.countImpacted, incident.populationCount)}` +
      `${start === undefined ? '' : `, started ${slackDate(start)}`}${over}`
    );
  }

  const { incident } = view;
  const dimensions = describeDimensions(incident.dimensionSet, incident.dimensionKey);
  return (
    `• ${escapedName(incident.metric, 'unknown metric')}${dimensions === undefined ? '' : ` for ${escapedName(dimensions, 'no dimensions')}`}: value ${formatMetricValue(incident.triggerValue)}` +
    `${incident.startedAt === undefined ? '' : `, started ${slackDate(incident.startedAt)}`}${over}`
  );
}

/** Lists the held incidents, as many as fit, and counts the rest in a last line. */
function heldSection(held: IncidentView[]): string {
  const heading = '*Held back*';
  // Room for the last line, which counts the incidents not listed.
  const limit = MAX_SECTION_TEXT - 60;
  const lines: string[] = [];
  let length = heading.length;

  for (const view of held.slice(0, MAX_LISTED_HELD)) {
    const line = heldLine(view);
    if (length + 1 + line.length > limit) {
      break;
    }
    lines.push(line);
    length += 1 + line.length;
  }
  if (held.length > lines.length) {
    lines.push(`• and ${held.length - lines.length} more`);
  }
  return `${heading}\n${lines.join('\n')}`;
}

/**
 * Builds the one message that reports the end of a snooze: whose scope, why it ended, and the
 * incidents it held back, which were recorded without a post.
 */
export function buildSnoozeReport(report: SnoozeReport): SlackMessage {
  const how = report.endedBy === null ? 'ran out' : `was ended by ${mention(report.endedBy)}`;
  const count =
    report.held.length === 0
      ? 'No incident was held back'
      : `${report.held.length === 1 ? '1 incident was' : `${report.held.length} incidents were`} held back`;
  const headline = `🔔 The snooze of ${apiText(report.label)} ${how} at ${slackDate(report.endedAt)}. ${count} since ${slackDate(report.createdAt)}.`;

  const blocks: Block[] = [{ type: 'section', text: { type: 'mrkdwn', text: truncate(headline, MAX_SECTION_TEXT) } }];
  if (report.held.length > 0) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: heldSection(report.held) } });
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: 'They were recorded without a post. New incidents like them are posted again from now on.' }],
    });
  }

  return {
    text: truncate(headline, 3900),
    blocks,
    metadata: { event_type: SNOOZE_END_EVENT_TYPE, event_payload: { kind: 'snooze', id: String(report.snoozeId) } },
  };
}
