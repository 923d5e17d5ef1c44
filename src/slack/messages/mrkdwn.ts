/**
 * Escapes the three characters that Slack's mrkdwn treats as control characters, so text from
 * the API cannot form a mention (`<!channel>`), a link or a broken entity.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts `text` to at most `max` characters, ending in an ellipsis when it was cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) {
    return text;
  }
  return `${text.slice(0, Math.max(0, max - 1))}…`;
}

/**
 * Maximum characters kept from one API text value before escaping. Escaping makes each character
 * at most five, so even a field made of several such values stays far below Block Kit's limits.
 */
export const MAX_API_TEXT = 200;

/** Cuts an API value to MAX_API_TEXT characters and escapes it for mrkdwn. */
export function apiText(value: string | undefined | null, fallback = 'unknown'): string {
  const text = value === undefined || value === null || value.trim() === '' ? fallback : value;
  return escapeMrkdwn(truncate(text, MAX_API_TEXT));
}

/** Cuts an API value for plain_text elements, where Slack does not parse mentions or entities. */
export function plainApiText(value: string | undefined | null, fallback = 'unknown'): string {
  const text = value === undefined || value === null || value.trim() === '' ? fallback : value;
  return truncate(text, MAX_API_TEXT);
}

/** Readable UTC time such as `2026-12-04 19:05 UTC`, the fallback of Slack date tokens. */
export function formatUtc(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Formats a Slack date token that each reader sees in their own time zone, with a UTC fallback. */
export function slackDate(epochMs: number): string {
  const seconds = Math.floor(epochMs / 1000);
  return `<!date^${seconds}^{date_short_pretty} {time}|${formatUtc(epochMs)}>`;
}

/** Formats a duration such as `45 min`, `2 h 5 min` or `3 d 4 h`. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) {
    return `${minutes} min`;
  }

  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    const rest = minutes % 60;
    return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
  }

  const days = Math.floor(hours / 24);
  const restHours = hours % 24;
  return restHours === 0 ? `${days} d` : `${days} d ${restHours} h`;
}
