import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import { checkRouteCombinations, checkUnreachableRoutes } from './route-checks.ts';
import { ROUTE_BANDS, ROUTE_KINDS, type Route, type RouteBand, type RouteKind, type RouteMatch } from './route.ts';

export type RoutesFileResult = { ok: true; routes: Route[] } | { ok: false; problems: string[] };

const ROUTE_KEYS = ['match', 'channel', 'continue', 'minImpacted', 'minImpactedPercent'] as const;
const MATCH_KEYS = ['organization', 'location', 'network', 'band', 'type', 'kind', 'metric', 'ruleId'] as const;
type TextMatchKey = Exclude<(typeof MATCH_KEYS)[number], 'band' | 'kind'>;

/** A public channel id starts with C, a private one with G; the rest is upper-case letters and digits. */
const CHANNEL_ID = /^[CG][A-Z0-9]{2,}$/;

/** Maximum length of a text value in a match. */
const MAX_TEXT_LENGTH = 200;

/** Problems found in a routes file, each with its line, column and field. */
export class RouteProblems {
  readonly messages: string[] = [];

  constructor(
    private readonly label: string,
    private readonly lines: LineCounter,
  ) {}

  /** Adds `text` about `field` at the start of `node` (or at `offset` when no node is given). */
  add(at: Node | Pair | number | null | undefined, field: string, text: string): void {
    const offset = typeof at === 'number' ? at : startOf(at);
    const { line, col } = this.lines.linePos(offset);
    this.messages.push(`${this.label}:${line}:${col}: ${field === '' ? '' : `${field} `}${text}`);
  }

  /** Returns the line of `node`, 1 for the first line. */
  lineOf(node: Node | Pair | null | undefined): number {
    return this.lines.linePos(startOf(node)).line;
  }
}

function startOf(at: Node | Pair | null | undefined): number {
  if (at === null || at === undefined) {
    return 0;
  }
  if ('range' in at && at.range) {
    return at.range[0];
  }
  const key = (at as Pair).key as Node | null;
  return key?.range?.[0] ?? 0;
}

/** Returns the key of `pair` as a string; keys that are not plain scalars give their text form. */
function keyName(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = previous[j]!;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}

/** Returns the known key that `key` most likely misspells, within two edits; undefined when none is that close. */
function closestKey(key: string, known: readonly string[]): string | undefined {
  const distance = (candidate: string) => editDistance(key.toLowerCase(), candidate.toLowerCase());
  const closest = [...known].sort((a, b) => distance(a) - distance(b))[0];
  return closest !== undefined && distance(closest) <= 2 ? closest : undefined;
}

/** Describes an unknown key, with the closest known key when it looks like a misspelling of it. */
function unknownKey(key: string, known: readonly string[], description: string): string {
  const closest = closestKey(key, known);
  const hint = closest === undefined ? '' : ` Did you mean ${closest}?`;
  const list = known.length === 1 ? `The only key there is ${known[0]}.` : `Use ${known.slice(0, -1).join(', ')} or ${known.at(-1)}.`;
  return `is not ${description}.${hint} ${list}`;
}

function describeValue(node: Node | null): string {
  if (node === null || (isScalar(node) && node.value === null)) {
    return 'no value';
  }
  if (isScalar(node)) {
    return typeof node.value === 'string' ? `"${node.value}"` : String(node.value);
  }
  return isMap(node) ? 'a mapping' : isSeq(node) ? 'a list' : 'an alias';
}

function readText(node: Node | null, field: string, problems: RouteProblems, example: string): string | undefined {
  if (isScalar(node) && typeof node.value === 'string' && node.value.trim() !== '') {
    if (node.value.length > MAX_TEXT_LENGTH) {
      problems.add(node, field, `is longer than ${MAX_TEXT_LENGTH} characters.`);
      return undefined;
    }
    return node.value.trim();
  }
  if (isScalar(node) && (typeof node.value === 'number' || typeof node.value === 'boolean')) {
    problems.add(node, field, `is ${describeValue(node)}, which YAML reads as a ${typeof node.value}: put it in quotes, such as "${String(node.value)}".`);
    return undefined;
  }
  problems.add(node, field, `has ${describeValue(node) === 'no value' ? 'no value' : `the value ${describeValue(node)}`}: give a text such as ${example}.`);
  return undefined;
}

function readBand(node: Node | null, field: string, problems: RouteProblems): RouteBand | undefined {
  const raw = isScalar(node) ? node.value : undefined;
  const text = typeof raw === 'number' || typeof raw === 'string' ? String(raw).trim().replace(/\s*(ghz|g)$/i, '') : '';
  const band = /^\d+(\.\d+)?$/.test(text) ? ROUTE_BANDS.find((candidate) => candidate === Number(text)) : undefined;
  if (band === undefined) {
    problems.add(node, field, `is ${describeValue(node)}: use 2.4, 5 or 6 (GHz).`);
  }
  return band;
}

function readKind(node: Node | null, field: string, problems: RouteProblems): RouteKind | undefined {
  const value = isScalar(node) && typeof node.value === 'string' ? node.value.trim().toLowerCase() : undefined;
  const kind = ROUTE_KINDS.find((candidate) => candidate === value);
  if (kind === undefined) {
    problems.add(node, field, `is ${describeValue(node)}: use agent (incidents detected by agents) or alert (incidents raised by alert rules).`);
  }
  return kind;
}

function readNumber(node: Node | null, field: string, problems: RouteProblems, range: { min: number; max?: number; whole: boolean; unit: string }): number | undefined {
  const value = isScalar(node) ? node.value : undefined;
  const valid =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (!range.whole || Number.isInteger(value)) &&
    value >= range.min &&
    (range.max === undefined || value <= range.max);
  if (!valid) {
    const bounds = range.max === undefined ? `${range.min} or more` : `from ${range.min} to ${range.max}`;
    problems.add(node, field, `is ${describeValue(node)}: use a ${range.whole ? 'whole number' : 'number'} of ${range.unit}, ${bounds}.`);
    return undefined;
  }
  return value;
}

function readBoolean(node: Node | null, field: string, problems: RouteProblems): boolean | undefined {
  if (isScalar(node) && typeof node.value === 'boolean') {
    return node.value;
  }
  problems.add(node, field, `is ${describeValue(node)}: use true or false.`);
  return undefined;
}

const TEXT_EXAMPLES: Record<TextMatchKey, string> = {
  organization: 'examplecorp',
  location: '"Main Campus*" or a location UUID',
  network: 'CorpWiFi',
  type: 'CONNECTION',
  metric: 'client_health_score',
  ruleId: 'the UUID of an alert rule',
};

function readMatch(node: Node | null, field: string, problems: RouteProblems): RouteMatch | undefined {
  if (!isMap(node)) {
    problems.add(node, field, `is ${describeValue(node)}: give a mapping of the keys an incident must match, such as { location: "Main Campus*", band: 5 }, or {} for every incident.`);
    return undefined;
  }

  const match: RouteMatch = {};
  for (const pair of node.items) {
    const key = keyName(pair);
    const value = pair.value as Node | null;
    const keyField = `${field}.${key}`;
    switch (key) {
      case 'band':
        match.band = readBand(value, keyField, problems);
        break;
      case 'kind':
        match.kind = readKind(value, keyField, problems);
        break;
      case 'organization':
      case 'location':
      case 'network':
      case 'type':
      case 'metric':
      case 'ruleId':
        match[key] = readText(value, keyField, problems, TEXT_EXAMPLES[key]);
        break;
      default:
        problems.add(pair, keyField, unknownKey(key, MATCH_KEYS, 'a match key'));
    }
  }
  return match;
}

function readChannel(node: Node | null, field: string, problems: RouteProblems): string | undefined {
  const value = isScalar(node) && typeof node.value === 'string' ? node.value.trim() : undefined;
  if (value !== undefined && CHANNEL_ID.test(value)) {
    return value;
  }
  problems.add(
    node,
    field,
    `is ${describeValue(node)}, which is not a channel id: use the id, such as C0123ABCD (in Slack it is at the bottom of the channel details), not the name.`,
  );
  return undefined;
}

/** Reads one route; returns undefined when it has a problem, which is added to `problems`. */
function readRoute(node: Node | null, index: number, problems: RouteProblems): Route | undefined {
  const field = `routes[${index}]`;
  if (!isMap(node)) {
    problems.add(node, field, `is ${describeValue(node)}: each route is a mapping with match and channel.`);
    return undefined;
  }

  const before = problems.messages.length;
  const route: Partial<Route> = { continue: false, line: problems.lineOf(node) };
  for (const pair of node.items) {
    const key = keyName(pair);
    const value = pair.value as Node | null;
    switch (key) {
      case 'match':
        route.match = readMatch(value, `${field}.match`, problems);
        break;
      case 'channel':
        route.channel = readChannel(value, `${field}.channel`, problems);
        break;
      case 'continue':
        route.continue = readBoolean(value, `${field}.continue`, problems);
        break;
      case 'minImpacted':
        route.minImpacted = readNumber(value, `${field}.minImpacted`, problems, { min: 1, whole: true, unit: 'agents' });
        break;
      case 'minImpactedPercent':
        route.minImpactedPercent = readNumber(value, `${field}.minImpactedPercent`, problems, { min: 0, max: 100, whole: false, unit: 'percent' });
        break;
      default:
        problems.add(pair, `${field}.${key}`, unknownKey(key, ROUTE_KEYS, 'a route option'));
    }
  }

  // A misspelt key already has its message, so its absence under the right name gets none.
  const misspelt = new Set(node.items.map((pair) => closestKey(keyName(pair), ROUTE_KEYS)));
  if (!node.has('match') && !misspelt.has('match')) {
    problems.add(node, field, 'has no match: give the keys an incident must match, or match: {} for every incident.');
  }
  if (!node.has('channel') && !misspelt.has('channel')) {
    problems.add(node, field, 'has no channel: set channel to the id of the Slack channel, such as C0123ABCD.');
  }
  if (problems.messages.length > before) {
    return undefined;
  }

  const complete = route as Route;
  checkRouteCombinations(complete, node, field, problems);
  return problems.messages.length > before ? undefined : withoutUnset(complete);
}

/** Drops keys whose value is undefined, so routes compare equal to plain objects in tests and logs. */
function withoutUnset(route: Route): Route {
  const match = Object.fromEntries(Object.entries(route.match).filter(([, value]) => value !== undefined)) as RouteMatch;
  const result: Route = { match, channel: route.channel, continue: route.continue, line: route.line };
  if (route.minImpacted !== undefined) result.minImpacted = route.minImpacted;
  if (route.minImpactedPercent !== undefined) result.minImpactedPercent = route.minImpactedPercent;
  return result;
}

function readTopLevel(contents: Node | null, problems: RouteProblems): YAMLMap | undefined {
  if (!isMap(contents)) {
    problems.add(contents, '', 'the file must be a mapping with a routes list: start it with "routes:", then one "- match: ..." entry per route.');
    return undefined;
  }
  for (const pair of contents.items) {
    const key = keyName(pair);
    if (key !== 'routes') {
      problems.add(pair, key, unknownKey(key, ['routes'], 'a top-level key'));
    }
  }
  if (!contents.has('routes') && !contents.items.some((pair) => closestKey(keyName(pair), ['routes']) !== undefined)) {
    problems.add(contents, '', 'routes is missing: list the routes under a top-level "routes:" key.');
    return undefined;
  }
  return contents;
}

/**
 * Parses and validates the text of a routes file, YAML or JSON. Each problem is one message that
 * starts with `label:line:column:` and names the field, such as `routes[1].match.band`.
 */
export function parseRoutes(text: string, label: string): RoutesFileResult {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const problems = new RouteProblems(label, lines);

  if (document.errors.length > 0) {
    for (const error of document.errors) {
      problems.add(error.pos[0], '', `invalid YAML or JSON: ${error.message.split('\n')[0]}`);
    }
    return { ok: false, problems: problems.messages };
  }
  if (document.contents === null) {
    return { ok: false, problems: [`${label}:1:1: the file is empty: list the routes under a top-level "routes:" key.`] };
  }

  const top = readTopLevel(document.contents as Node, problems);
  const list = top?.get('routes', true) as Node | null | undefined;
  if (top === undefined || list === undefined || problems.messages.length > 0) {
    return { ok: false, problems: problems.messages };
  }
  if (!isSeq(list)) {
    problems.add(list, 'routes', `is ${describeValue(list)}: give a list with one "- match: ..." entry per route, or [] for none.`);
    return { ok: false, problems: problems.messages };
  }

  const routes: Route[] = [];
  list.items.forEach((item, index) => {
    const route = readRoute(item as Node | null, index, problems);
    if (route !== undefined) {
      routes.push(route);
    }
  });
  if (problems.messages.length === 0) {
    checkUnreachableRoutes(routes, list.items as Array<Node | null>, problems);
  }

  return problems.messages.length > 0 ? { ok: false, problems: problems.messages } : { ok: true, routes };
}

/** Reads and validates the routes file at `path`; a file that cannot be read is one problem. */
export function readRoutesFile(path: string): RoutesFileResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    return { ok: false, problems: [`${path} cannot be read (${reason}): check the path, or unset ROUTES_FILE to post every incident to SLACK_CHANNEL.`] };
  }
  return parseRoutes(text, path);
}
