import { SevenSignalError } from '../../sevensignal/errors.ts';

/**
 * Returns the loggable parts of a failed query: code, status, path and requestId of a SevenSignalError,
 * or the message and stack of any other error, which is a bug in the bot.
 */
export function describeFailure(error: unknown): Record<string, unknown> {
  if (error instanceof SevenSignalError) {
    return { code: error.code, message: error.message, status: error.status, path: error.path, requestId: error.requestId };
  }
  if (error instanceof Error) {
    return { message: error.message, stack: error.stack };
  }
  return { message: String(error) };
}
