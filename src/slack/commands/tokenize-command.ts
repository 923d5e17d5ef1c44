import type { CommandProblem } from './incident-query.ts';

/** One whitespace-separated token of the command text. */
export interface CommandToken {
  /** The token as typed, quotes included, for error messages. */
  raw: string;
  /** The token with its quote characters removed. */
  value: string;
  /** Whether any part of the token was quoted. */
  quoted: boolean;
}

export interface TokenizedCommand {
  tokens: CommandToken[];
  /** Set when a quote was opened and never closed. That last token is not in `tokens`. */
  problem?: CommandProblem;
}

// Slack clients may turn typed straight quotes into curly ones, so both open and close a quote.
const OPENING_QUOTES = new Set(['"', '\u201c', '\u201d']);
const CLOSING_QUOTES = new Set(['"', '\u201c', '\u201d']);

/**
 * Decodes the three HTML entities that Slack uses for `&`, `<` and `>` in the text it sends,
 * so that a name typed with `&` matches the name the API returns.
 */
export function decodeSlackEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * Splits command text into tokens at whitespace. A double quote opens a quoted part that may
 * contain spaces, as in `location:"Main Campus - Floor 2"`, and the next double quote closes it.
 */
export function tokenizeCommand(text: string): TokenizedCommand {
  const tokens: CommandToken[] = [];
  const characters = [...decodeSlackEntities(text)];
  let index = 0;

  while (index < characters.length) {
    if (/\s/.test(characters[index]!)) {
      index += 1;
      continue;
    }

    let raw = '';
    let value = '';
    let quoted = false;

    while (index < characters.length && !/\s/.test(characters[index]!)) {
      const character = characters[index]!;
      if (!OPENING_QUOTES.has(character)) {
        raw += character;
        value += character;
        index += 1;
        continue;
      }

      quoted = true;
      raw += character;
      index += 1;
      while (index < characters.length && !CLOSING_QUOTES.has(characters[index]!)) {
        raw += characters[index]!;
        value += characters[index]!;
        index += 1;
      }

      if (index >= characters.length) {
        return { tokens, problem: { token: raw, reason: 'the closing double quote is missing' } };
      }

      raw += characters[index]!;
      index += 1;
    }

    tokens.push({ raw, value, quoted });
  }

  return { tokens };
}
