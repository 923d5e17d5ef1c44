import { decodeSlackEntities } from '../simulator/slack-page/render/html.ts';
import type { SlackCall } from '../simulator/slack/index.ts';

/** Maximum length of a message preview in a log line. */
const MAX_PREVIEW = 90;

function preview(args: Record<string, unknown>): string {
  const text = typeof args.text === 'string' ? args.text : '';
  // The fallback text is mrkdwn, so `&gt;` and the like are decoded for the terminal.
  const oneLine = decodeSlackEntities(text).replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_PREVIEW ? `${oneLine.slice(0, MAX_PREVIEW - 1)}…` : oneLine;
}

/**
 * Describes a Web API call of the bot in one line: posts, updates, ephemeral replies and every
 * failed call. Returns undefined for successful reads such as `conversations.history`.
 */
export function describeSlackCall(call: SlackCall): string | undefined {
  const { method, args, response } = call;
  if (response.ok !== true) {
    return `${method} failed: ${String(response.error ?? 'no error code')}`;
  }

  switch (method) {
    case 'chat.postMessage': {
      const where = typeof args.thread_ts === 'string' && args.thread_ts !== '' ? `thread reply under ${args.thread_ts}` : 'message';
      return `bot posted a ${where} (ts ${String(response.ts)}): ${preview(args)}`;
    }
    case 'chat.update':
      return `bot updated message ${String(args.ts)}: ${preview(args)}`;
    case 'chat.postEphemeral':
      return `bot sent an ephemeral message to ${String(args.user)}: ${preview(args)}`;
    case 'chat.delete':
      return `bot deleted message ${String(args.ts)}`;
    default:
      return undefined;
  }
}
