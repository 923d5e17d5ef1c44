import type { App } from '@slack/bolt';
import type { HandlerContext } from '../handler-context.ts';

/** Registers the handlers of the buttons on the bot's messages. */
export function registerActions(_app: App, _context: HandlerContext): void {}
