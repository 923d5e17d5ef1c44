import { describe, expect, it } from 'vitest';
import type { IncidentFilters, IncidentSource } from '../../../src/slack/commands/incident-query.ts';
import { parseCommand } from '../../../src/slack/commands/parse-command.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const NO_FILTERS: IncidentFilters = { activeOnly: false };

interface GoodCase {
  text: string;
  windowMs: number;
  filters?: IncidentFilters;
  source?: IncidentSource;
}

// Each row: command text, the window it sets and the filters it sets.
const goodCases: GoodCase[] = [
  // No text: the default window of 24 hours.
  { text: '', windowMs: 24 * HOUR },
  { text: '   ', windowMs: 24 * HOUR },
  { text: '24h', windowMs: 24 * HOUR },
  // Number and unit as separate tokens.
  { text: '24 h', windowMs: 24 * HOUR },
  { text: '90m', windowMs: 90 * MINUTE },
  { text: '90 min', windowMs: 90 * MINUTE },
  { text: '1m', windowMs: MINUTE },
  { text: '2hr', windowMs: 2 * HOUR },
  { text: '3 hours', windowMs: 3 * HOUR },
  { text: '7d', windowMs: 7 * DAY },
  { text: '7 days', windowMs: 7 * DAY },
  { text: '2w', windowMs: 14 * DAY },
  { text: '2 weeks', windowMs: 14 * DAY },
  // The maximum, 90 days.
  { text: '90d', windowMs: 90 * DAY },
  // Units in any case.
  { text: '24H', windowMs: 24 * HOUR },
  { text: '7 Days', windowMs: 7 * DAY },
  {
    text: '7d location:"Main Campus - Floor 2" band:5',
    windowMs: 7 * DAY,
    filters: { activeOnly: false, locationName: 'Main Campus - Floor 2', band: 5 },
  },
  // Tokens in any order, keys in any case.
  {
    text: 'BAND:5 Location:"Main Campus - Floor 2" 7d',
    windowMs: 7 * DAY,
    filters: { activeOnly: false, locationName: 'Main Campus - Floor 2', band: 5 },
  },
  // Curly quotes, as some Slack clients type them.
  {
    text: 'location:\u201cMain Campus - Floor 2\u201d',
    windowMs: 24 * HOUR,
    filters: { activeOnly: false, locationName: 'Main Campus - Floor 2' },
  },
  // A name without spaces needs no quotes.
  { text: 'location:Warehouse', windowMs: 24 * HOUR, filters: { activeOnly: false, locationName: 'Warehouse' } },
  // A UUID is a location id, in lower case.
  {
    text: 'location:4D707BDF-E986-47EF-9165-4C12BE8F2F2A',
    windowMs: 24 * HOUR,
    filters: { activeOnly: false, locationId: '4d707bdf-e986-47ef-9165-4c12be8f2f2a' },
  },
  // Slack sends & as &amp;.
  { text: 'location:"R&amp;D Lab"', windowMs: 24 * HOUR, filters: { activeOnly: false, locationName: 'R&D Lab' } },
  { text: '45d active', windowMs: 45 * DAY, filters: { activeOnly: true } },
  { text: 'ACTIVE', windowMs: 24 * HOUR, filters: { activeOnly: true } },
  { text: 'network:CorpWiFi', windowMs: 24 * HOUR, filters: { activeOnly: false, network: 'CorpWiFi' } },
  { text: 'ssid:"Corp Guest"', windowMs: 24 * HOUR, filters: { activeOnly: false, network: 'Corp Guest' } },
  { text: 'band:2.4', windowMs: 24 * HOUR, filters: { activeOnly: false, band: 2.4 } },
  { text: 'band:6GHz', windowMs: 24 * HOUR, filters: { activeOnly: false, band: 6 } },
  { text: 'type:CONNECTION', windowMs: 24 * HOUR, filters: { activeOnly: false, type: 'CONNECTION' } },
  { text: 'alerts', windowMs: 24 * HOUR, source: 'alert' },
  { text: 'alerts active 2h', windowMs: 2 * HOUR, filters: { activeOnly: true }, source: 'alert' },
  {
    text: 'alerts location:4d707bdf-e986-47ef-9165-4c12be8f2f2a',
    windowMs: 24 * HOUR,
    filters: { activeOnly: false, locationId: '4d707bdf-e986-47ef-9165-4c12be8f2f2a' },
    source: 'alert',
  },
];

interface BadCase {
  text: string;
  token: string;
  reason: RegExp;
}

// Each row: command text, the token the reply names and why it was rejected.
const badCases: BadCase[] = [
  { text: '3x', token: '3x', reason: /"x" is not a window unit/ },
  { text: '24', token: '24', reason: /has no unit/ },
  { text: '1.5h', token: '1.5h', reason: /whole number/ },
  { text: '0m', token: '0m', reason: /at least 1 minute/ },
  { text: '91d', token: '91d', reason: /longer than the maximum of 90 days/ },
  { text: '13w', token: '13w', reason: /longer than the maximum of 90 days/ },
  { text: '99999999999999999999d', token: '99999999999999999999d', reason: /longer than the maximum/ },
  { text: '5ghz', token: '5ghz', reason: /band:5/ },
  { text: '24h 7d', token: '7d', reason: /window was already given \(24h\)/ },
  { text: 'band:4', token: 'band:4', reason: /band must be 2.4, 5 or 6/ },
  { text: 'band:five', token: 'band:five', reason: /band must be 2.4, 5 or 6/ },
  { text: 'band:5 band:6', token: 'band:6', reason: /band was already given/ },
  { text: 'location:"Main Campus', token: 'location:"Main Campus', reason: /closing double quote is missing/ },
  { text: 'location:', token: 'location:', reason: /has no value/ },
  { text: 'location:""', token: 'location:""', reason: /has no value/ },
  { text: `type:${'x'.repeat(201)}`, token: `type:${'x'.repeat(201)}`, reason: /longer than 200 characters/ },
  { text: 'floor:2', token: 'floor:2', reason: /"floor" is not a filter/ },
  { text: 'yesterday', token: 'yesterday', reason: /not a window, filter or keyword/ },
  // The rest of an unquoted name gets a hint to quote it.
  { text: 'location:Main Campus', token: 'Campus', reason: /double quotes/ },
  { text: 'alerts location:"Main Campus - Floor 2"', token: 'location:"Main Campus - Floor 2"', reason: /location:<UUID> with alerts/ },
  // snoozed lists snoozes, which have no window or filters.
  { text: 'snoozed 24h', token: 'snoozed', reason: /takes no window, filter or other keyword/ },
  { text: 'band:5 Snoozed', token: 'Snoozed', reason: /takes no window, filter or other keyword/ },
  { text: 'snoozed alerts', token: 'snoozed', reason: /takes no window, filter or other keyword/ },
];

describe('parseCommand', () => {
  for (const row of goodCases) {
    it(`accepts "${row.text}"`, () => {
      const parsed = parseCommand(row.text);

      expect(parsed.kind).toBe('query');
      if (parsed.kind !== 'query') return;
      expect(parsed.query.window.ms).toBe(row.windowMs);
      expect(parsed.query.filters).toEqual(row.filters ?? NO_FILTERS);
      expect(parsed.query.source).toBe(row.source ?? 'agent');
    });
  }

  for (const row of badCases) {
    it(`rejects "${row.text.slice(0, 40)}"`, () => {
      const parsed = parseCommand(row.text);

      expect(parsed.kind).toBe('invalid');
      if (parsed.kind !== 'invalid') return;
      const problem = parsed.problems.find((candidate) => candidate.token === row.token);
      expect(problem, JSON.stringify(parsed.problems)).toBeDefined();
      expect(problem?.reason).toMatch(row.reason);
    });
  }

  it('lists every bad token', () => {
    const parsed = parseCommand('3x band:4 floor:2');

    expect(parsed.kind).toBe('invalid');
    if (parsed.kind !== 'invalid') return;
    expect(parsed.problems.map((problem) => problem.token)).toEqual(['3x', 'band:4', 'floor:2']);
  });

  it('hints quotes for every word of an unquoted name', () => {
    const parsed = parseCommand('location:Main Campus - Floor 2');

    expect(parsed.kind).toBe('invalid');
    if (parsed.kind !== 'invalid') return;
    expect(parsed.problems.map((problem) => problem.token)).toEqual(['Campus', '-', 'Floor', '2']);
    for (const problem of parsed.problems) {
      expect(problem.reason).toMatch(/double quotes/);
    }
  });

  it('help wins over other tokens', () => {
    expect(parseCommand('help').kind).toBe('help');
    expect(parseCommand('7d HELP 3x').kind).toBe('help');
  });

  it('reads snoozed alone', () => {
    expect(parseCommand('snoozed')).toEqual({ kind: 'snoozed' });
    expect(parseCommand('  SNOOZED ')).toEqual({ kind: 'snoozed' });
    expect(parseCommand('snoozed help').kind).toBe('help');
  });

  it('keeps the case of filter values', () => {
    const parsed = parseCommand('network:CorpWiFi type:Connection');

    expect(parsed.kind).toBe('query');
    if (parsed.kind !== 'query') return;
    expect(parsed.query.filters.network).toBe('CorpWiFi');
    expect(parsed.query.filters.type).toBe('Connection');
  });
});
