import type { ButtonAction, RespondFn } from '@slack/bolt';
import { SevenSignalError } from '../../sevensignal/errors.ts';
import type { SlackMessage } from '../messages/slack-message.ts';
import type { HandlerContext } from '../handler-context.ts';
import { runQuery } from './run-query.ts';
import { describeFailure } from './describe-failure.ts';
import { buildFailureMessage } from './failure-message.ts';
import { parseCommand } from './parse-command.ts';
import { sendReply } from './send-reply.ts';
import { decodeSharedQuery } from './shared-query.ts';
import { WIFI_INCIDENTS_COMMAND } from './usage-message.ts';

/** The parts of Bolt's block action arguments that the handler uses. */
export interface ButtonArguments {
  action: Pick<ButtonAction, 'value'>;
  body: { user: { id: string } };
  ack: () => Promise<void>;
  respond: RespondFn;
}

const UNREADABLE_BUTTON: SlackMessage = {
  text: `This button could not be read. Run ${WIFI_INCIDENTS_COMMAND} again to get a new one.`,
  blocks: [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `:warning: This button could not be read. Run \`${WIFI_INCIDENTS_COMMAND}\` again to get a new one.` },
    },
  ],
};

const POSTED: SlackMessage = {
  text: 'You posted this result to the channel.',
  blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text: 'You posted this result to the channel.' }] }],
};

/**
 * Handles the "Post to channel" button of a private reply. It runs the same query again for the
 * same window, which ends at the time of the first reply, and posts the result to the channel
 * through the response_url. Then it replaces the private reply with a short confirmation.
 */
export async function handlePostToChannel(args: ButtonArguments, context: HandlerContext): Promise<void> {
  await args.ack();

  const userId = args.body.user.id;
  const logger = context.logger.child({ action: 'post_to_channel', user: userId });
  const privateReply = { response_type: 'ephemeral', replace_original: false } as const;

  const shared = decodeSharedQuery(args.action.value);
  const parsed = shared === undefined ? undefined : parseCommand(shared.text);
  if (shared === undefined || parsed?.kind !== 'query') {
    logger.warn({ value: args.action.value?.slice(0, 200) }, 'Rejected a Post to channel button whose value could not be read');
    await sendReply(args.respond, UNREADABLE_BUTTON, privateReply, logger);
    return;
  }

  // The value comes from a signed request, but the window is still kept from ending in the future.
  const asOf = Math.min(shared.asOf, context.now());
  let message: SlackMessage;
  try {
    const reply = await runQuery(context, { query: parsed.query, text: shared.text, asOf, shareable: false, postedBy: userId });
    message = reply.message;
    logger.info({ text: shared.text, asOf, matched: reply.matched }, 'Posting an incident query result to the channel');
  } catch (error) {
    const level = error instanceof SevenSignalError ? 'warn' : 'error';
    logger[level]({ err: describeFailure(error), text: shared.text }, 'Incident query for Post to channel failed, and the user was told why');
    await sendReply(args.respond, buildFailureMessage(error, context.config.sevenSignal.timeoutMs), privateReply, logger);
    return;
  }

  const posted = await sendReply(args.respond, message, { response_type: 'in_channel', replace_original: false }, logger);
  if (posted) {
    await sendReply(args.respond, POSTED, { response_type: 'ephemeral', replace_original: true }, logger);
  }
}
