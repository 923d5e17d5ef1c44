import { listAlertIncidents } from '../sevensignal/alert-incidents.ts';
import type { AlertIncident } from '../sevensignal/types.ts';
import { buildAlertFirstRunSummary } from '../slack/messages/alert-first-run-summary.ts';
import { observeAlertIncident } from './incident-observation.ts';
import type { CycleResult, PollerDependencies } from './poll-cycle.ts';
import { nextPollWindow } from './poll-window.ts';
import { postMessage } from './post-incident.ts';

/**
 * Lists the alert-rule incidents of one organization: every active one, and those resolved since
 * its cursor less the look-back margin, so that incidents resolved outside Slack are seen. Then
 * diffs them against the seen-set and moves the cursor `alert:<organization>`.
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
    await postFirstRunSummary(deps, incidents);
  }

  const outcomes = deps.store.observe('alert', organization, incidents.map(observeAlertIncident), now, firstRun ? 'recorded' : 'pending');
  const added = [...outcomes.values()].filter((outcome) => outcome === 'new').length;
  if (!firstRun) {
    result.new += added;
  }

  deps.cursors.set(source, window.to, now);
  logger.info({ active: active.length, resolved: resolved.length, new: added, firstRun }, 'Polled 7SIGNAL alert-rule incidents');
}

async function postFirstRunSummary(deps: PollerDependencies, incidents: AlertIncident[]): Promise<void> {
  const posted = await postMessage(deps.slack, deps.channel, buildAlertFirstRunSummary(incidents), deps.logger);
  if (!posted.ok) {
    throw new Error(
      `Posting the alert-rule first-run summary to channel ${deps.channel} failed (${posted.failure.code}): ${posted.failure.fix}`,
    );
  }
}
