const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]!);
}

/**
 * Decodes the three entities Slack's mrkdwn uses for its control characters. Other entities stay
 * as written, as Slack shows them.
 */
const SLACK_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>' };

export function decodeSlackEntities(text: string): string {
  return text.replace(/&(amp|lt|gt);/g, (_entity, name: string) => SLACK_ENTITIES[name]!);
}

/** Builds ` name="value"` pairs for an element's attributes; undefined values are left out. */
export function attributes(values: Record<string, string | number | undefined>): string {
  return Object.entries(values)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeHtml(String(value))}"`)
    .join('');
}

/** Returns whether a link target may become an `href`: web and mail links only, never `javascript:` and the like. */
export function isSafeLink(url: string): boolean {
  return /^(https?:\/\/|mailto:)/i.test(url);
}
