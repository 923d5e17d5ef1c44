import pretty from 'pino-pretty';
import type { DestinationStream } from 'pino';
import { createLogger, type Logger } from '../log/logger.ts';

/** Origin of a line in the demo's log: the demo, the 7SIGNAL scenario, Slack, the page or the bot. */
export type LogSource = 'demo' | '7signal' | 'slack' | 'page' | 'bot';

/**
 * Creates the demo's logger: one readable line per event, `[time] LEVEL: source  message`, colored
 * on a terminal. Writes are synchronous, so the last lines are out before the process exits.
 */
export function createDemoLogger(destination: DestinationStream = pretty({
  colorize: process.stdout.isTTY === true,
  translateTime: 'SYS:HH:MM:ss',
  ignore: 'source',
  messageFormat: '{source}  {msg}',
  singleLine: true,
  sync: true,
})): Logger {
  // The demo logger passes everything; each source picks its own level.
  return createLogger('trace', destination);
}

/** Creates a child logger that marks its lines with `source`, padded so the messages line up. */
export function sourceLogger(logger: Logger, source: LogSource, level = 'info'): Logger {
  return logger.child({ source: source.padEnd(7) }, { level });
}
