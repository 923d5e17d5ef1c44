/** Public interface of the fake 7SIGNAL Platform API. */
import type { AgentIncident, AlertIncident } from '../../sevensignal/types.ts';

export interface FakeSevenSignalOptions {
  /** The only `client_id` the token endpoint accepts. */
  clientId: string;
  /** The only `client_secret` the token endpoint accepts. */
  clientSecret: string;
  /** `expires_in` of issued tokens in seconds, default 86400 as the real service sends. */
  tokenTtlSeconds?: number;
  /** Clock in epoch milliseconds, default `Date.now`; drives token expiry, default windows and listing. */
  now?: () => number;
  /** Delay in milliseconds before every response, default 0. */
  latencyMs?: number;
  /** Organization that requests without an `organization` parameter read, default `'default'`. */
  defaultOrganization?: string;
}

/** One request the fake received, with the status of its response. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  /** Query parameters; the first value wins when a key repeats. */
  query: Record<string, string>;
  /** Header names are lower case; repeated headers are joined with ", ". */
  headers: Record<string, string | undefined>;
  body: string;
  /** 0 until the response is sent. */
  status: number;
  /** Arrival time in epoch milliseconds by the fake's clock. */
  at: number;
}

/** A canned response queued by `failNext`. */
export interface CannedResponse {
  status: number;
  /**
   * A string is sent as is with `text/plain`; anything else is sent as JSON. Without a body the
   * fake sends its standard error body for that status.
   */
  body?: unknown;
  /** Sent after the rate-limit headers, so they can override them. */
  headers?: Record<string, string>;
  /** Extra delay in milliseconds, added to the configured latency. */
  delayMs?: number;
}

export interface AgentIncidentOptions {
  /** Organization the incident belongs to, default the fake's default organization. */
  organization?: string;
  /**
   * Epoch milliseconds before which the incident is not listed or fetchable, because it has not
   * qualified as an incident yet. Default: `timestampDeterminedToBeIncident`, else listed at once.
   */
  listedFrom?: number;
}

export interface AlertIncidentOptions {
  /** Organization the incident belongs to, default the fake's default organization. */
  organization?: string;
}

export interface FakeSevenSignal {
  /** Base URL such as `http://127.0.0.1:PORT`, with no trailing slash. */
  url: string;
  /** Every request in arrival order, including token exchanges and canned failures. */
  requests: RecordedRequest[];
  /** Count of successful token exchanges. */
  tokensIssued: number;
  /** Stores a copy of the incident. Throws when it has no `id`, no valid `startTimestamp` or a duplicate id. */
  addAgentIncident(incident: AgentIncident, options?: AgentIncidentOptions): void;
  /** Shallow-merges `patch` (a `thresholds` object replaces the old one). Throws when the id is unknown. */
  updateAgentIncident(id: string, patch: Partial<AgentIncident>): void;
  /** Throws when the id is unknown. */
  removeAgentIncident(id: string): void;
  /** Stores a copy of the incident. Throws when it has no `id`, no `startedAt` or a duplicate id. */
  addAlertIncident(incident: AlertIncident, options?: AlertIncidentOptions): void;
  /** Shallow-merges `patch`. Throws when the id is unknown. */
  updateAlertIncident(id: number | string, patch: Partial<AlertIncident>): void;
  /** Returns a copy of a stored alert incident, including changes made through the resolve route; undefined when unknown. */
  getAlertIncident(id: string): AlertIncident | undefined;
  /** Invalidates every issued token, so the next call with one of them gets 401. */
  expireTokens(): void;
  /**
   * Queues a canned response for the next `times` requests (default 1) whose path starts with
   * `path`. Canned responses are sent before authentication and routing, in the order queued.
   */
  failNext(path: string, response: CannedResponse, times?: number): void;
  /** Sets the delay before every later response, in milliseconds. */
  setLatency(ms: number): void;
  /** Stops the server, dropping open connections and responses still waiting on a delay. */
  close(): Promise<void>;
}
