/** In-memory incident stores of the fake 7SIGNAL API. */
import type { AgentIncident, AlertIncident } from '../../sevensignal/types.ts';
import type { AgentIncidentOptions, AlertIncidentOptions } from './types.ts';

export interface StoredAgentIncident {
  incident: AgentIncident;
  organization: string;
  /** Epoch milliseconds from which the incident is listed. */
  listedFrom: number;
  /** False when `listedFrom` was derived from `timestampDeterminedToBeIncident`, so updates recompute it. */
  listedFromExplicit: boolean;
  /** Parsed `startTimestamp` in epoch milliseconds. */
  start: number;
  /** Parsed `endTimestamp` in epoch milliseconds, undefined when missing, empty or unparsable. */
  end: number | undefined;
}

export interface StoredAlertIncident {
  incident: AlertIncident;
  organization: string;
}

/** Parses an ISO 8601 timestamp to epoch milliseconds; undefined when missing, empty or invalid. */
export function parseTimestamp(value: string | undefined): number | undefined {
  if (value === undefined || value === '') {
    return undefined;
  }
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}

export class AgentIncidentStore {
  private readonly incidents = new Map<string, StoredAgentIncident>();

  constructor(private readonly defaultOrganization: string) {}

  add(incident: AgentIncident, options: AgentIncidentOptions = {}): void {
    const id = incident.id;
    if (id === undefined || id === '') {
      throw new Error('Agent incident has no id; set `id` (a UUID) before adding it.');
    }
    if (this.incidents.has(id)) {
      throw new Error(`Agent incident ${id} already exists; use updateAgentIncident to change it.`);
    }

    const copy = structuredClone(incident);
    const listedFromExplicit = options.listedFrom !== undefined;
    this.incidents.set(id, {
      incident: copy,
      organization: options.organization ?? this.defaultOrganization,
      listedFrom: options.listedFrom ?? defaultListedFrom(copy),
      listedFromExplicit,
      start: requireStart(copy),
      end: parseTimestamp(copy.endTimestamp),
    });
  }

  update(id: string, patch: Partial<AgentIncident>): void {
    const stored = this.require(id);
    if (patch.id !== undefined && patch.id !== id) {
      throw new Error(`Cannot change the id of agent incident ${id} to ${patch.id}; remove it and add a new one.`);
    }

    const merged: AgentIncident = { ...stored.incident, ...structuredClone(patch) };
    stored.start = requireStart(merged);
    stored.end = parseTimestamp(merged.endTimestamp);
    stored.incident = merged;
    if (!stored.listedFromExplicit) {
      stored.listedFrom = defaultListedFrom(merged);
    }
  }

  remove(id: string): void {
    this.require(id);
    this.incidents.delete(id);
  }

  get(id: string): StoredAgentIncident | undefined {
    return this.incidents.get(id);
  }

  all(): StoredAgentIncident[] {
    return [...this.incidents.values()];
  }

  private require(id: string): StoredAgentIncident {
    const stored = this.incidents.get(id);
    if (stored === undefined) {
      throw new Error(`Agent incident ${id} not found; add it with addAgentIncident first.`);
    }
    return stored;
  }
}

export class AlertIncidentStore {
  private readonly incidents = new Map<string, StoredAlertIncident>();

  constructor(private readonly defaultOrganization: string) {}

  add(incident: AlertIncident, options: AlertIncidentOptions = {}): void {
    const id = incident.id;
    if (id === undefined || id === '') {
      throw new Error('Alert incident has no id; set `id` before adding it.');
    }
    if (this.incidents.has(id)) {
      throw new Error(`Alert incident ${id} already exists; use updateAlertIncident to change it.`);
    }
    if (incident.startedAt === undefined) {
      throw new Error(`Alert incident ${id} has no startedAt; set it in epoch milliseconds.`);
    }

    this.incidents.set(id, {
      incident: structuredClone(incident),
      organization: options.organization ?? this.defaultOrganization,
    });
  }

  update(id: number | string, patch: Partial<AlertIncident>): void {
    const key = String(id);
    const stored = this.incidents.get(key);
    if (stored === undefined) {
      throw new Error(`Alert incident ${key} not found; add it with addAlertIncident first.`);
    }
    if (patch.id !== undefined && patch.id !== key) {
      throw new Error(`Cannot change the id of alert incident ${key} to ${patch.id}; add a new one instead.`);
    }

    const merged: AlertIncident = { ...stored.incident, ...structuredClone(patch) };
    if (merged.startedAt === undefined) {
      throw new Error(`Alert incident ${key} would lose its startedAt; patch it with epoch milliseconds instead.`);
    }
    stored.incident = merged;
  }

  get(id: string): StoredAlertIncident | undefined {
    return this.incidents.get(id);
  }

  all(): StoredAlertIncident[] {
    return [...this.incidents.values()];
  }
}

function defaultListedFrom(incident: AgentIncident): number {
  return parseTimestamp(incident.timestampDeterminedToBeIncident) ?? Number.NEGATIVE_INFINITY;
}

function requireStart(incident: AgentIncident): number {
  const start = parseTimestamp(incident.startTimestamp);
  if (start === undefined) {
    throw new Error(
      `Agent incident ${incident.id} has a missing or invalid startTimestamp ${JSON.stringify(incident.startTimestamp)}; ` +
        'set an ISO 8601 date-time.',
    );
  }
  return start;
}
