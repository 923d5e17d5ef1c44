import { listAgentIncidents } from '../sevensignal/agent-incidents.ts';
import type { AgentIncident } from '../sevensignal/types.ts';
import { buildFirstRunSummary } from '../slack/messages/first-run-summary.ts';
import { observeAgentIncident } from './incident-observation.ts';
import type { CycleResult, PollerDependencies } from './poll-cycle.ts';
import { nextPollWindow } from './poll-window.ts';
import { postMessage } from './post-incident.ts';

/**
 * Lists the agent incidents of one organization for the window from its cursor (less the
 * look-back margin) to `now`, diffs them against the seen-set and moves the cursor.
 */
export async function pollAgentIncidents(deps: PollerDependencies, organization: string, now: number, result: CycleResult): Promise<void> {
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

  const observed = incidents.map((incident) => observeAgentIncident(incident, now));
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
