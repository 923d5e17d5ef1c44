import { performance } from 'node:perf_hooks';
import type { RespondFn, SlashCommand } from '@slack/bolt';
import type { Logger } from '../../log/logger.ts';
import { SevenSignalError } from '../../sevensignal/errors.ts';
import type { SlackMessage } from '../messages/slack-message.ts';
import { buildSnoozeList } from '../messages/snooze-list-message.ts';
import type { HandlerContext } from '../handler-context.ts';
import { runQuery } from './run-query.ts';
import { buildFailureMessage } from './failure-message.ts';
import { describeFailure } from './describe-failure.ts';
import { parseCommand } from './parse-command.ts';
import { sendReply } from './send-reply.ts';
import { buildHelpMessage, buildInvalidCommandMessage } from './usage-message.ts';

/** The parts of Bolt's slash command arguments that the handler uses. */
export interface CommandArguments {
  command: Pick<SlashCommand, 'command' | 'text' | 'user_id' | 'channel_id'>;
  ack: () => Promise<void>;
  respond: RespondFn;
}

/**
 * Parses the text and builds the private reply: the usage, the parse problems, the active snoozes,
 * the query result or the failure.
 */
async function buildReply(text: string, context: HandlerContext, logger: Logger): Promise<SlackMessage> {
  const parsed = parseCommand(text);

  if (parsed.kind === 'help') {
    logger.info('Replied with the usage');
    return buildHelpMessage();
  }

  if (parsed.kind === 'invalid') {
    logger.info({ problems: parsed.problems }, 'Rejected command text that could not be parsed');
    return buildInvalidCommandMessage(text, parsed.problems);
  }

  if (parsed.kind === 'snoozed') {
    const snoozes = context.routing.snoozes.activeSnoozes(context.now());
    logger.info({ snoozes: snoozes.length }, 'Replied with the active snoozes');
    return buildSnoozeList(snoozes.map((snooze) => ({ snooze, held: context.routing.snoozes.heldCount(snooze.id) })));
  }

  const started = performance.now();
  try {
    const reply = await runQuery(context, { query: parsed.query, text, asOf: context.now(), shareable: true });
    logger.info(
      { source: parsed.query.source, windowMs: parsed.query.window.ms, matched: reply.matched, durationMs: Math.round(performance.now() - started) },
      'Replied to an incident query',
    );
    return reply.message;
  } catch (error) {
    // A SevenSignalError is an API failure the user can act on. Any other error is a bug in the bot.
    const level = error instanceof SevenSignalError ? 'warn' : 'error';
    logger[level]({ err: describeFailure(error), durationMs: Math.round(performance.now() - started) }, 'Incident query failed, and the user was told why');
    return buildFailureMessage(error, context.config.sevenSignal.timeoutMs);
  }
}

/**
 * Handles `/wifi-incidents`: acknowledges at once, because Slack shows an error after 3 seconds,
 * then runs the query and sends the private reply through the response_url.
 */
export async function handleWifiIncidentsCommand(args: CommandArguments, context: HandlerContext): Promise<void> {
  await args.ack();

  const { command } = args;
  const text = command.text ?? '';
  const logger = context.logger.child({ command: command.command, user: command.user_id, channel: command.channel_id, text });

  const reply = await buildReply(text, context, logger);
  await sendReply(args.respond, reply, { response_type: 'ephemeral' }, logger);
}
