import { escapeMrkdwn, truncate } from '../messages/mrkdwn.ts';
import type { Block, SlackMessage } from '../messages/slack-message.ts';
import type { CommandProblem } from './incident-query.ts';
import { MAX_WINDOW_DAYS } from './parse-window.ts';

/** The slash command as declared in manifest.yml. */
export const WIFI_INCIDENTS_COMMAND = '/wifi-incidents';

/** Maximum number of problems listed in one reply. */
const MAX_LISTED_PROBLEMS = 10;

/** Maximum characters of a token quoted back to the user. */
const MAX_QUOTED_TOKEN = 100;

const USAGE = [
  `*Usage:* \`${WIFI_INCIDENTS_COMMAND} [WINDOW] [FILTER ...]\`, in any order and any case.`,
  `• *WINDOW*: a whole number and a unit, m (minutes), h (hours), d (days) or w (weeks), from 1 minute to ${MAX_WINDOW_DAYS} days. The default is 24h.`,
  '• *location:NAME* or *location:UUID*. Put a name with spaces in double quotes: `location:"Main Campus - Floor 2"`',
  '• *network:SSID*, *band:2.4*, *band:5* or *band:6*, *type:TYPE* (such as `type:CONNECTION`)',
  '• *active*: only incidents with no reported end',
  '• *alerts*: incidents raised by alert rules instead of those detected by agents; *type* then matches the metric',
  '• *snoozed*: the active snoozes instead of incidents, each with an End snooze button',
  '• *help*: this text',
  `*Examples:* \`${WIFI_INCIDENTS_COMMAND} 24h\` · \`${WIFI_INCIDENTS_COMMAND} 7d location:"Main Campus - Floor 2" band:5\` · \`${WIFI_INCIDENTS_COMMAND} 45d active\` · \`${WIFI_INCIDENTS_COMMAND} alerts active\``,
].join('\n');

function codeSpan(text: string): string {
  // A backtick would end the code span early, so it is shown as a straight quote.
  return `\`${escapeMrkdwn(truncate(text, MAX_QUOTED_TOKEN).replace(/`/g, "'"))}\``;
}

/** Builds the usage text, the reply to `help`. */
export function buildHelpMessage(): SlackMessage {
  return {
    text: `Usage: ${WIFI_INCIDENTS_COMMAND} [WINDOW] [FILTER ...]`,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: USAGE } }],
  };
}

/** Builds the reply to command text that could not be parsed: each bad token and why, then the usage. */
export function buildInvalidCommandMessage(commandText: string, problems: CommandProblem[]): SlackMessage {
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS).map((problem) => `• ${codeSpan(problem.token)}: ${escapeMrkdwn(problem.reason)}`);
  const hidden = problems.length - listed.length;
  if (hidden > 0) {
    listed.push(`• and ${hidden} more`);
  }

  const heading = `:warning: ${codeSpan(commandText)} could not be read:`;
  const blocks: Block[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `${heading}\n${listed.join('\n')}` } },
    { type: 'section', text: { type: 'mrkdwn', text: USAGE } },
  ];

  const first = problems[0];
  const summary = first === undefined ? '' : ` "${truncate(first.token, MAX_QUOTED_TOKEN)}": ${first.reason}`;
  return { text: escapeMrkdwn(`The command could not be read.${summary}`), blocks };
}
