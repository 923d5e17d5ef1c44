import type { Logger as SlackLogger, LogLevel } from '@slack/logger';
import type { Logger } from '../log/logger.ts';

/** Adapts the bot's logger to the interface that Bolt and the Slack Web API client log through. */
export function toSlackLogger(logger: Logger): SlackLogger {
  let level = 'info' as LogLevel;
  const join = (parts: unknown[]) => parts.map((part) => (typeof part === 'string' ? part : String(part))).join(' ');

  return {
    debug: (...parts: unknown[]) => logger.debug(join(parts)),
    info: (...parts: unknown[]) => logger.info(join(parts)),
    warn: (...parts: unknown[]) => logger.warn(join(parts)),
    error: (...parts: unknown[]) => logger.error(join(parts)),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
