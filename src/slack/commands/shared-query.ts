/** Action id of the "Post to channel" button on a query result. */
export const POST_TO_CHANNEL_ACTION_ID = 'wifi_incidents_post_to_channel';

/** Slack's maximum length of a button value. */
export const MAX_BUTTON_VALUE = 2000;

/** Format version of the button value. A value of another version is rejected. */
const VERSION = 1;

/** The command text and its time, which the "Post to channel" button needs to run the same query again. */
export interface SharedQuery {
  /** The text after the command name, as typed. */
  text: string;
  /** End of the window of the first reply, in epoch milliseconds. The re-run uses the same window. */
  asOf: number;
}

/** Encodes the query as a button value, or returns undefined when it would be longer than Slack allows. */
export function encodeSharedQuery(query: SharedQuery): string | undefined {
  const value = JSON.stringify({ v: VERSION, text: query.text, asOf: query.asOf });
  return value.length <= MAX_BUTTON_VALUE ? value : undefined;
}

/** Decodes a button value made by encodeSharedQuery, or returns undefined when it is not one. */
export function decodeSharedQuery(value: string | undefined): SharedQuery | undefined {
  if (value === undefined) {
    return undefined;
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }

  if (typeof parsed !== 'object' || parsed === null) {
    return undefined;
  }
  const record = parsed as Record<string, unknown>;
  if (record.v !== VERSION || typeof record.text !== 'string' || typeof record.asOf !== 'number' || !Number.isSafeInteger(record.asOf)) {
    return undefined;
  }

  return { text: record.text, asOf: record.asOf };
}
