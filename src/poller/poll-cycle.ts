import type { Logger } from '../log/logger.ts';
import { listAgentIncidents } from '../sevensignal/agent-incidents.ts';
import type { SevenSignalApi } from '../sevensignal/client.ts';
import type { AgentIncident } from '../sevensignal/types.ts';
import type { IncidentStore } from '../store/incident-store.ts';
import type { PollCursors } from '../store/poll-cursors.ts';
import type { SlackWebClient } from '../slack/web-client.ts';
import { buildFirstRunSummary } from '../slack/messages/first-run-summary.ts';
import { nextPollWindow } from './poll-window.ts';
import { postMessage } from './post-incident.ts';
import { sendPendingIncidents } from './send-pending.ts';

export interface PollerDependencies {
  api: SevenSignalApi;
  store: IncidentStore;
  cursors: PollCursors;
  slack: SlackWebClient;
  channel: string;
  /** Organizations to poll; an empty string stands for the organization of the API key. */
  organizations: string[];
  lookbackMs: number;
  firstRun: 'summary' | 'post';
  logger: Logger;
}

/** Counts of one poll cycle; `ok` is false when a listing failed or an incident could not be posted. */
export interface CycleResult {
  ok: boolean;
  listed: number;
  new: number;
  posted: number;
  failedPosts: number;
  errors: Error[];
}

/**
 * Runs one poll cycle at `now`: for each organization, list the agent incidents of the window,
 * diff them against the seen-set and move the cursor; then post every pending incident.
 */
export async function runPollCycle(deps: PollerDependencies, now: number): Promise<CycleResult> {
  const result: CycleResult = { ok: true, listed: 0, new: 0, posted: 0, failedPosts: 0, errors: [] };
  const organizations = deps.organizations.length > 0 ? deps.organizations : [''];

  for (const organization of organizations) {
    try {
      await pollOrganization(deps, organization, now, result);
    } catch (error) {
      result.ok = false;
      result.errors.push(error instanceof Error ? error : new Error(String(error)));
      deps.logger.error(
        { organization: organization || undefined, err: describeError(error) },
        'Listing 7SIGNAL agent incidents failed; the next cycle asks for the same window again',
      );
    }
  }

  const sent = await sendPendingIncidents(deps, now);
  result.posted = sent.posted;
  result.failedPosts = sent.failed;
  if (sent.failed > 0) {
    result.ok = false;
  }

  return result;
}

async function pollOrganization(deps: PollerDependencies, organization: string, now: number, result: CycleResult): Promise<void> {
  const source = `agent:${organization}`;
  const lastUpper = deps.cursors.get(source);
  const window = nextPollWindow(lastUpper, deps.lookbackMs, now);
  const logger = deps.logger.child({ organization: organization || undefined, from: window.from, to: window.to });

  const incidents = await listAgentIncidents(deps.api, window, organization ? { organization } : {});
  result.listed += incidents.length;

  const firstRun = lastUpper === undefined && deps.firstRun === 'summary';
  if (firstRun) {
    await postFirstRunSummary(deps, incidents, now);
  }

  const observed = incidents.map((incident) => ({ id: incident.id!, payload: JSON.stringify(incident) }));
  const outcomes = deps.store.observe('agent', organization, observed, now, firstRun ? 'recorded' : 'pending');
  const added = [...outcomes.values()].filter((outcome) => outcome === 'new').length;
  if (!firstRun) {
    result.new += added;
  }

  deps.cursors.set(source, window.to, now);
  logger.info({ listed: incidents.length, new: added, firstRun }, 'Polled 7SIGNAL agent incidents');
}

async function postFirstRunSummary(deps: PollerDependencies, incidents: AgentIncident[], now: number): Promise<void> {
  const posted = await postMessage(deps.slack, deps.channel, buildFirstRunSummary(incidents, now), deps.logger);
  if (!posted.ok) {
    throw new Error(
      `Posting the first-run summary to channel ${deps.channel} failed (${posted.failure.code}): ${posted.failure.fix}`,
    );
  }
}

/** The loggable parts of an error: code, message, status and request path; never headers. */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) {
    return { message: String(error) };
  }
  const details = error as Error & { code?: unknown; status?: unknown; path?: unknown; requestId?: unknown };
  return {
    code: details.code,
    message: error.message,
    status: details.status,
    path: details.path,
    requestId: details.requestId,
  };
}
