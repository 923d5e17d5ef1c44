/** Bands that 7SIGNAL reports for agent incidents, in GHz. */
export const BANDS = [2.4, 5, 6] as const;
export type Band = (typeof BANDS)[number];

export type WindowUnit = 'minute' | 'hour' | 'day' | 'week';

/** A window that ends at the time of the query, as the user wrote it (`90m`, `7d`). */
export interface QueryWindow {
  amount: number;
  unit: WindowUnit;
  /** Length in milliseconds. */
  ms: number;
}

/** Filters of a query. Every filter that is set must match. */
export interface IncidentFilters {
  /** Location name, compared case-insensitively with the incident's `locationName`. */
  locationName?: string;
  /** Location UUID in lower case, sent to the agent listing as `location_id`. */
  locationId?: string;
  /** SSID, compared case-insensitively. */
  network?: string;
  band?: Band;
  /** Incident type (agent incidents) or metric (alert-rule incidents), compared case-insensitively. */
  type?: string;
  /** Keeps only incidents with no reported end. */
  activeOnly: boolean;
}

/** The listing a query reads: incidents detected by 7SIGNAL agents, or incidents raised by alert rules. */
export type IncidentSource = 'agent' | 'alert';

/** A parsed `/wifi-incidents` query. */
export interface IncidentQuery {
  window: QueryWindow;
  filters: IncidentFilters;
  source: IncidentSource;
}

/** A token of the command text that could not be used, and why. */
export interface CommandProblem {
  /** The token as the user typed it. */
  token: string;
  reason: string;
}

/** The outcome of parsing the command text. */
export type ParsedCommand =
  | { kind: 'query'; query: IncidentQuery }
  | { kind: 'help' }
  /** `snoozed`: list the active snoozes. */
  | { kind: 'snoozed' }
  | { kind: 'invalid'; problems: CommandProblem[] };
