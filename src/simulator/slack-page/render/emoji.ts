/**
 * Emoji shortcodes the stand-in shows as characters. Slack has thousands, so a shortcode missing
 * here stays as typed, such as `:wave:`, which is also what Slack shows for an unknown name.
 */
const EMOJI: Record<string, string> = {
  '+1': '👍',
  '-1': '👎',
  bell: '🔔',
  eyes: '👀',
  exclamation: '❗',
  grey_question: '❔',
  heavy_check_mark: '✔️',
  hourglass: '⌛',
  hourglass_flowing_sand: '⏳',
  information_source: 'ℹ️',
  large_green_circle: '🟢',
  large_orange_circle: '🟠',
  large_yellow_circle: '🟡',
  mag: '🔍',
  no_entry: '⛔',
  question: '❓',
  red_circle: '🔴',
  rotating_light: '🚨',
  satellite_antenna: '📡',
  signal_strength: '📶',
  tada: '🎉',
  thumbsdown: '👎',
  thumbsup: '👍',
  warning: '⚠️',
  white_check_mark: '✅',
  x: '❌',
};

/** Replaces known `:shortcode:` emoji with their characters. */
export function replaceEmoji(text: string): string {
  return text.replace(/:([a-z0-9_+-]+):/g, (shortcode, name: string) => EMOJI[name] ?? shortcode);
}
