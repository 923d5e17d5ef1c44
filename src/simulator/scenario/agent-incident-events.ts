import type { AgentIncident } from '../../sevensignal/types.ts';
import type { AgentEvent, AgentIncidentPlan, Scenario, ScenarioSite } from './scenario-schema.ts';
import type { ScenarioTarget } from './scenario-target.ts';

function isoTime(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

function findSite(scenario: Scenario, plan: AgentIncidentPlan): ScenarioSite {
  const site = scenario.sites.find((candidate) => candidate.key === plan.site);
  if (site === undefined) {
    throw new Error(`Agent incident ${plan.id} names site "${plan.site}", which the scenario does not list`);
  }
  return site;
}

/** Names an incident in log lines, such as `CONNECTION at Main Campus - Floor 2 (CorpWiFi, 5 GHz)`. */
export function describeAgentPlan(scenario: Scenario, plan: AgentIncidentPlan): string {
  return `${plan.type} at ${findSite(scenario, plan).name} (${plan.network}, ${plan.band} GHz)`;
}

/** Returns the impacted count in force before the event at `index` of the timeline. */
function countBefore(plan: AgentIncidentPlan, index: number): number | undefined {
  for (let i = index - 1; i >= 0; i -= 1) {
    const event = plan.timeline[i];
    if (event !== undefined && 'countImpacted' in event && event.countImpacted !== undefined) {
      return event.countImpacted;
    }
  }
  return undefined;
}

/**
 * Builds the incident as 7SIGNAL lists it once it qualified: thresholds nested, the qualifying
 * time known in advance from the plan so that the fake hides the incident until then.
 */
export function buildAgentIncident(scenario: Scenario, plan: AgentIncidentPlan, startedAt: number): AgentIncident {
  const site = findSite(scenario, plan);
  const start = plan.timeline[0];
  if (start?.event !== 'start') {
    throw new Error(`Agent incident ${plan.id} does not begin with a start event`);
  }
  const qualify = plan.timeline.find((event) => event.event === 'qualify');

  const incident: AgentIncident = {
    id: plan.id,
    startTimestamp: isoTime(startedAt + start.at),
    asOfTimestamp: isoTime(startedAt + start.at),
    organizationName: scenario.organization,
    type: plan.type,
    location: site.id,
    locationName: site.name,
    network: plan.network,
    band: plan.band,
    countImpacted: start.countImpacted,
    populationCount: plan.populationCount,
    thresholds: { ...scenario.thresholds, ...plan.thresholds },
  };
  if (qualify !== undefined) {
    incident.timestampDeterminedToBeIncident = isoTime(startedAt + qualify.at);
  }
  return incident;
}

/** Applies one event of an agent incident to the fake and describes it in one line. */
export function applyAgentEvent(
  target: ScenarioTarget,
  scenario: Scenario,
  plan: AgentIncidentPlan,
  index: number,
  startedAt: number,
): string {
  const event: AgentEvent | undefined = plan.timeline[index];
  if (event === undefined) {
    throw new Error(`Agent incident ${plan.id} has no event ${index}`);
  }
  const at = startedAt + event.at;
  const name = describeAgentPlan(scenario, plan);
  const population = plan.populationCount;

  switch (event.event) {
    case 'start': {
      const incident = buildAgentIncident(scenario, plan, startedAt);
      const qualifies = incident.timestampDeterminedToBeIncident !== undefined;
      // Without a qualify event the incident never becomes visible through the API.
      target.addAgentIncident(incident, qualifies ? {} : { listedFrom: Number.POSITIVE_INFINITY });
      const listing = qualifies ? 'listed once it qualifies' : 'it never qualifies, so 7SIGNAL never lists it';
      return `agent incident started: ${name}, ${event.countImpacted} of ${population} agents impacted; ${listing}`;
    }
    case 'qualify': {
      const patch: Partial<AgentIncident> = { asOfTimestamp: isoTime(at) };
      if (event.countImpacted !== undefined) {
        patch.countImpacted = event.countImpacted;
      }
      target.updateAgentIncident(plan.id, patch);
      const count = event.countImpacted ?? countBefore(plan, index);
      return `agent incident qualified: ${name}, ${count} of ${population} agents impacted; 7SIGNAL lists it from now on`;
    }
    case 'impact': {
      target.updateAgentIncident(plan.id, { countImpacted: event.countImpacted, asOfTimestamp: isoTime(at) });
      const before = countBefore(plan, index);
      const change = before === undefined || event.countImpacted >= before ? 'grew' : 'shrank';
      return `agent incident impact ${change}: ${name}, ${before ?? '?'} → ${event.countImpacted} of ${population} agents`;
    }
    case 'recover': {
      target.updateAgentIncident(plan.id, { endTimestamp: isoTime(at), asOfTimestamp: isoTime(at) });
      return `agent incident recovered: ${name}`;
    }
  }
}
