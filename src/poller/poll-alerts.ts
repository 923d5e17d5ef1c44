import { alertIncidentFacts } from '../routing/incident-facts.ts';
import { listAlertIncidents } from '../sevensignal/alert-incidents.ts';
import type { AlertIncident } from '../sevensignal/types.ts';
import { buildAlertFirstRunSummary } from '../slack/messages/alert-first-run-summary.ts';
import { observeAlertIncident } from './incident-observation.ts';
import type { CycleResult, PollerDependencies } from './poll-cycle.ts';
import { nextPollWindow } from './poll-window.ts';
import { postFirstRunSummaries } from './post-first-run-summaries.ts';
import { routeNewIncidents } from './route-new-incidents.ts';

/**
 * Lists the alert-rule incidents of one organization: every active one, and those resolved since
 * its cursor less the look-back margin, so that incidents resolved outside Slack are seen. Then
 * diffs them against the seen-set, chooses the channels of the new ones and moves the cursor
 * `alert:<organization>`.
 */
export async function pollAlertIncidents(deps: PollerDependencies, organization: string, now: number, result: CycleResult): Promise<void> {
  const source = `alert:${organization}`;
  const lastUpper = deps.cursors.get(source);
  const window = nextPollWindow(lastUpper, deps.lookbackMs, now);
  const logger = deps.logger.child({ organization: organization || undefined, resolvedAfter: window.from });
  const filter = organization ? { organization } : {};

  const active = await listAlertIncidents(deps.api, { ...filter, status: 'active' });
  const resolved = await listAlertIncidents(deps.api, { ...filter, status: 'resolved', resolvedAfter: window.from });
  // An incident resolved between the two listings is in both; the later, resolved copy wins.
  const byId = new Map<string, AlertIncident>();
  for (const incident of [...active, ...resolved]) {
    byId.set(incident.id!, incident);
  }
  const incidents = [...byId.values()];
  result.listed += incidents.length;

  const firstRun = lastUpper === undefined && deps.firstRun === 'summary';
  if (firstRun && incidents.length > 0) {
    const summarized = (selected: Set<string>) => buildAlertFirstRunSummary(incidents.filter((incident) => selected.has(incident.id ?? '')));
    await postFirstRunSummaries(deps, incidents.map((incident) => alertIncidentFacts(incident, organization)), summarized, false);
  }

  const outcomes = deps.store.observe('alert', organization, incidents.map(observeAlertIncident), now, firstRun ? 'recorded' : 'pending');
  const added = [...outcomes.values()].filter((outcome) => outcome === 'new').length;
  if (!firstRun) {
    result.new += added;
    const fresh = incidents.filter((incident) => outcomes.get(incident.id!) === 'new');
    result.held += routeNewIncidents(deps, fresh.map((incident) => alertIncidentFacts(incident, organization)), now);
  }

  deps.cursors.set(source, window.to, now);
  logger.info({ active: active.length, resolved: resolved.length, new: added, firstRun }, 'Polled 7SIGNAL alert-rule incidents');
}
