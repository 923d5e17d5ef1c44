import { agentIncidentFacts } from '../routing/incident-facts.ts';
import { listAgentIncidents } from '../sevensignal/agent-incidents.ts';
import { buildFirstRunSummary } from '../slack/messages/first-run-summary.ts';
import { observeAgentIncident } from './incident-observation.ts';
import type { CycleResult, PollerDependencies } from './poll-cycle.ts';
import { nextPollWindow } from './poll-window.ts';
import { postFirstRunSummaries } from './post-first-run-summaries.ts';
import { routeNewIncidents } from './route-new-incidents.ts';

/**
 * Lists the agent incidents of one organization for the window from its cursor (less the
 * look-back margin) to `now`, diffs them against the seen-set, chooses the channels of the new
 * ones and moves the cursor.
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
    await postFirstRunSummaries(deps, incidents.map((incident) => agentIncidentFacts(incident, organization)), (selected) =>
      buildFirstRunSummary(incidents.filter((incident) => selected.has(incident.id ?? '')), now),
    );
  }

  const observed = incidents.map((incident) => observeAgentIncident(incident, now));
  const outcomes = deps.store.observe('agent', organization, observed, now, firstRun ? 'recorded' : 'pending');
  const added = [...outcomes.values()].filter((outcome) => outcome === 'new').length;
  if (!firstRun) {
    result.new += added;
    const fresh = incidents.filter((incident) => outcomes.get(incident.id!) === 'new');
    result.held += routeNewIncidents(deps, fresh.map((incident) => agentIncidentFacts(incident, organization)), now);
  }

  deps.cursors.set(source, window.to, now);
  logger.info({ listed: incidents.length, new: added, firstRun }, 'Polled 7SIGNAL agent incidents');
}
