import type { CommandProblem, IncidentFilters, IncidentSource, ParsedCommand, QueryWindow } from './incident-query.ts';
import { filterName, parseFilter, type FilterName } from './parse-filter.ts';
import { DEFAULT_WINDOW, isWindowUnit, looksLikeWindow, parseWindow } from './parse-window.ts';
import { tokenizeCommand, type CommandToken } from './tokenize-command.ts';

const QUOTE_HINT = 'if it is part of a name, put the whole name in double quotes, such as location:"Main Campus - Floor 2"';

/** Query parts collected while reading the tokens. */
interface ParseState {
  window?: { token: string; window: QueryWindow };
  filters: IncidentFilters;
  given: Map<FilterName, string>;
  source: IncidentSource;
  help: boolean;
  /** The `snoozed` keyword as typed, when given. */
  snoozed?: string;
  problems: CommandProblem[];
}

/**
 * Parses the text of `/wifi-incidents [WINDOW] [FILTER ...]`. Tokens may come in any order, and
 * names, units and keywords are case-insensitive. A number and a unit may be separate tokens
 * (`24 h`). Every token that cannot be used becomes a problem, so one reply lists them all.
 * `help` anywhere returns the usage, and `snoozed` alone the list of active snoozes.
 */
export function parseCommand(text: string): ParsedCommand {
  const { tokens, problem } = tokenizeCommand(text);
  const state: ParseState = {
    filters: { activeOnly: false },
    given: new Map(),
    source: 'agent',
    help: false,
    problems: problem === undefined ? [] : [problem],
  };

  // True after an unquoted filter value and the unknown words that follow it, which are most
  // likely the rest of a name with spaces.
  let afterUnquotedValue = false;

  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index]!;

    if (!token.quoted && looksLikeWindow(token.value)) {
      const next = tokens[index + 1];
      const joinsUnit = /^\d+$/.test(token.value) && next !== undefined && !next.quoted && isWindowUnit(next.value);
      const raw = joinsUnit ? `${token.raw} ${next.raw}` : token.raw;
      const windowText = joinsUnit ? `${token.value}${next.value}` : token.value;
      if (joinsUnit) {
        index += 1;
      }

      const isPartOfName: boolean = afterUnquotedValue && !joinsUnit && !/\D/.test(token.value);
      readWindow(state, raw, windowText, isPartOfName);
      afterUnquotedValue = isPartOfName;
      continue;
    }

    const keyword = token.quoted ? undefined : token.value.toLowerCase();
    if (keyword === 'help' || keyword === '?') {
      state.help = true;
      afterUnquotedValue = false;
      continue;
    }
    if (keyword === 'active') {
      state.filters.activeOnly = true;
      afterUnquotedValue = false;
      continue;
    }
    if (keyword === 'snoozed') {
      state.snoozed = token.raw;
      afterUnquotedValue = false;
      continue;
    }
    if (keyword === 'alerts' || keyword === 'alert') {
      state.source = 'alert';
      afterUnquotedValue = false;
      continue;
    }

    const colon = token.value.indexOf(':');
    if (colon > 0) {
      readFilter(state, token, colon);
      afterUnquotedValue = !token.quoted;
      continue;
    }

    const reason = afterUnquotedValue ? `it is not a window, filter or keyword; ${QUOTE_HINT}` : 'it is not a window, filter or keyword';
    state.problems.push({ token: token.raw, reason });
  }

  return finish(state);
}

function readWindow(state: ParseState, raw: string, windowText: string, isPartOfName: boolean): void {
  const parsed = parseWindow(windowText);
  if (!parsed.ok) {
    const reason = isPartOfName ? `${parsed.reason}; ${QUOTE_HINT}` : parsed.reason;
    state.problems.push({ token: raw, reason });
    return;
  }

  if (state.window !== undefined) {
    state.problems.push({ token: raw, reason: `a window was already given (${state.window.token}); give one window` });
    return;
  }

  state.window = { token: raw, window: parsed.window };
}

function readFilter(state: ParseState, token: CommandToken, colon: number): void {
  const key = token.value.slice(0, colon);
  const name = filterName(key);
  if (name === undefined) {
    state.problems.push({
      token: token.raw,
      reason: `"${key}" is not a filter: use location:, network:, band: or type:`,
    });
    return;
  }

  const earlier = state.given.get(name);
  if (earlier !== undefined) {
    state.problems.push({ token: token.raw, reason: `a ${name} was already given (${earlier}); give one ${name} filter` });
    return;
  }

  const parsed = parseFilter(name, token.value.slice(colon + 1));
  if (!parsed.ok) {
    state.problems.push({ token: token.raw, reason: parsed.reason });
    return;
  }

  parsed.apply(state.filters);
  state.given.set(name, token.raw);
}

function finish(state: ParseState): ParsedCommand {
  if (state.help) {
    return { kind: 'help' };
  }

  // Alert rules key incidents by the `location_id` dimension, so a name cannot be matched there.
  if (state.source === 'alert' && state.filters.locationName !== undefined) {
    state.problems.push({
      token: state.given.get('location') ?? 'location:',
      reason: 'alert-rule incidents carry a location id but no location name, so use location:<UUID> with alerts',
    });
  }

  if (state.snoozed !== undefined && (state.window !== undefined || state.given.size > 0 || state.filters.activeOnly || state.source !== 'agent')) {
    state.problems.push({ token: state.snoozed, reason: 'snoozed lists every active snooze and takes no window, filter or other keyword' });
  }

  if (state.problems.length > 0) {
    return { kind: 'invalid', problems: state.problems };
  }

  if (state.snoozed !== undefined) {
    return { kind: 'snoozed' };
  }

  return {
    kind: 'query',
    query: { window: state.window?.window ?? DEFAULT_WINDOW, filters: state.filters, source: state.source },
  };
}
