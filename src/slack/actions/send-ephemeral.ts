import type { Logger } from '../../log/logger.ts';
import { classifySlackError } from '../slack-errors.ts';
import type { SlackWebClient } from '../web-client.ts';
import type { ButtonClick } from './button-click.ts';

/** Shows `text` to the clicker only, in the channel of the clicked message. Failures are logged. */
export async function sendEphemeral(slack: SlackWebClient, click: ButtonClick, text: string, logger: Logger): Promise<void> {
  if (click.channel === undefined) {
    logger.warn({ userId: click.userId, actionId: click.actionId }, 'The click came without a channel; cannot send the ephemeral reply');
    return;
  }

  try {
    await slack.chat.postEphemeral({ channel: click.channel, user: click.userId, text });
  } catch (error) {
    const failure = classifySlackError(error);
    logger.error(
      { userId: click.userId, channel: click.channel, slackError: failure.code },
      `Sending the ephemeral reply to a click failed: ${failure.fix}`,
    );
  }
}
