import type { Snooze } from '../../store/snoozes.ts';
import { mention } from './mention.ts';
import { apiText, escapeMrkdwn, slackDate, truncate } from './mrkdwn.ts';
import type { Block, SlackMessage } from './slack-message.ts';
import { buildEndSnoozeButton } from './snooze-buttons.ts';

/** Snoozes listed with a button each; a message has at most 50 blocks, two of which are the heading and the rest line. */
export const MAX_LISTED_SNOOZES = 48;

/** An active snooze and how many incidents it held back so far. */
export interface ListedSnooze {
  snooze: Snooze;
  held: number;
}

/** Builds one section per active snooze with its End snooze button, the snooze ending first first. */
export function buildSnoozeList(snoozes: ListedSnooze[]): SlackMessage {
  if (snoozes.length === 0) {
    const text = 'No snooze is active. The Snooze buttons under an incident message hold back new incidents like it for 1, 4 or 24 hours.';
    return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
  }

  const heading = snoozes.length === 1 ? '1 active snooze' : `${snoozes.length} active snoozes`;
  const blocks: Block[] = [{ type: 'section', text: { type: 'mrkdwn', text: `*${heading}*` } }];
  for (const { snooze, held } of snoozes.slice(0, MAX_LISTED_SNOOZES)) {
    const heldText = held === 1 ? '1 incident held back' : `${held} incidents held back`;
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*${apiText(truncate(snooze.label, 150))}*\nUntil ${slackDate(snooze.until)} · set by ${mention(snooze.setBy)} in <#${snooze.channel}> · ${heldText} so far`,
      },
      accessory: buildEndSnoozeButton({ kind: snooze.kind, id: snooze.incidentId }),
    });
  }
  if (snoozes.length > MAX_LISTED_SNOOZES) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `and ${snoozes.length - MAX_LISTED_SNOOZES} more, which end later` }],
    });
  }

  return { text: escapeMrkdwn(truncate(`${heading}: ${snoozes.map(({ snooze }) => snooze.label).join('; ')}`, 3000)), blocks };
}
