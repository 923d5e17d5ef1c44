import type { App, BlockButtonAction } from '@slack/bolt';
import type { HandlerContext } from '../handler-context.ts';
import { handlePostToChannel } from './post-to-channel-action.ts';
import { POST_TO_CHANNEL_ACTION_ID } from './shared-query.ts';
import { WIFI_INCIDENTS_COMMAND } from './usage-message.ts';
import { handleWifiIncidentsCommand } from './wifi-incidents-command.ts';

/** Registers the slash commands of the bot and the buttons on their replies. */
export function registerCommands(app: App, context: HandlerContext): void {
  app.command(WIFI_INCIDENTS_COMMAND, (args) => handleWifiIncidentsCommand(args, context));
  app.action<BlockButtonAction>(
    { type: 'block_actions', action_id: POST_TO_CHANNEL_ACTION_ID },
    (args) => handlePostToChannel(args, context),
  );
}
