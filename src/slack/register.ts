import type { App } from '@slack/bolt';
import { registerActions } from './actions/index.ts';
import { registerCommands } from './commands/index.ts';
import type { HandlerContext } from './handler-context.ts';

/** Maps every slash command and action id of the bot to its handler. */
export function registerListeners(app: App, context: HandlerContext): void {
  registerCommands(app, context);
  registerActions(app, context);
}
