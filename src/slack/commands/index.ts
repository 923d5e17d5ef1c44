import type { App } from '@slack/bolt';
import type { HandlerContext } from '../handler-context.ts';

/** Registers the slash commands of the bot. */
export function registerCommands(_app: App, _context: HandlerContext): void {}
