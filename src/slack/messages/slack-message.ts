import type { types } from '@slack/bolt';

export type Block = types.KnownBlock;

/** Metadata event type that marks the bot's incident messages in channel history. */
export const INCIDENT_EVENT_TYPE = 'wifi_incident';

/** A message ready for `chat.postMessage` or `chat.update`: Block Kit plus a plain-text fallback. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
  metadata?: { event_type: string; event_payload: Record<string, string | number | boolean> };
}
