import type { AgentIncidentPlan, AlertIncidentPlan, Scenario } from './scenario-schema.ts';

/** One problem in a scenario, with the JSON path of the value it is about. */
export interface ScenarioProblem {
  path: string;
  message: string;
}

function findDuplicates(values: string[]): Set<string> {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) {
      duplicates.add(value);
    }
    seen.add(value);
  }
  return duplicates;
}

function checkUnique(problems: ScenarioProblem[], listPath: string, field: string, values: string[]): void {
  const duplicates = findDuplicates(values);
  values.forEach((value, index) => {
    if (duplicates.has(value)) {
      problems.push({ path: `${listPath}[${index}].${field}`, message: `${field} "${value}" is used more than once` });
    }
  });
}

/** Checks that a timeline is in time order, starts with `first` and has `last` (if any) at its end. */
function checkTimelineOrder(
  problems: ScenarioProblem[],
  path: string,
  timeline: ReadonlyArray<{ at: number; event: string }>,
  first: string,
  last: string,
): void {
  timeline.forEach((event, index) => {
    const previous = timeline[index - 1];
    if (previous !== undefined && event.at < previous.at) {
      problems.push({ path: `${path}.timeline[${index}].at`, message: `the ${event.event} event comes before the ${previous.event} event above it. List events in time order` });
    }
    if (index === 0 && event.event !== first) {
      problems.push({ path: `${path}.timeline[0].event`, message: `the first event is "${event.event}", but a timeline begins with "${first}"` });
    }
    if (index > 0 && event.event === first) {
      problems.push({ path: `${path}.timeline[${index}].event`, message: `"${first}" may appear only once, as the first event` });
    }
    if (event.event === last && index !== timeline.length - 1) {
      problems.push({ path: `${path}.timeline[${index}].event`, message: `"${last}" must be the last event` });
    }
  });
}

function checkAgentIncident(problems: ScenarioProblem[], scenario: Scenario, plan: AgentIncidentPlan, path: string): void {
  const site = scenario.sites.find((candidate) => candidate.key === plan.site);
  if (site === undefined) {
    problems.push({ path: `${path}.site`, message: `no site has the key "${plan.site}"` });
  } else {
    const network = site.networks.find((candidate) => candidate.ssid === plan.network);
    if (network === undefined) {
      problems.push({ path: `${path}.network`, message: `site "${site.key}" has no network "${plan.network}"` });
    } else if (!network.bands.includes(plan.band)) {
      problems.push({ path: `${path}.band`, message: `network "${plan.network}" at site "${site.key}" has no ${plan.band} GHz band` });
    }
  }

  checkTimelineOrder(problems, path, plan.timeline, 'start', 'recover');
  const qualifies = plan.timeline.filter((event) => event.event === 'qualify');
  if (qualifies.length > 1) {
    problems.push({ path: `${path}.timeline`, message: 'an incident qualifies at most once' });
  }
  plan.timeline.forEach((event, index) => {
    if ('countImpacted' in event && event.countImpacted !== undefined && event.countImpacted > plan.populationCount) {
      problems.push({
        path: `${path}.timeline[${index}].countImpacted`,
        message: `${event.countImpacted} impacted agents is more than the population of ${plan.populationCount}`,
      });
    }
  });
}

function checkAlertIncident(problems: ScenarioProblem[], scenario: Scenario, plan: AlertIncidentPlan, path: string): void {
  const rule = scenario.alertRules.find((candidate) => candidate.key === plan.rule);
  if (rule === undefined) {
    problems.push({ path: `${path}.rule`, message: `no alert rule has the key "${plan.rule}"` });
  } else if (rule.dimensionSet.length !== plan.dimensions.length) {
    problems.push({
      path: `${path}.dimensions`,
      message: `rule "${rule.key}" has ${rule.dimensionSet.length} dimensions (${rule.dimensionSet.join(', ')}) but the incident gives ${plan.dimensions.length} values`,
    });
  }
  plan.dimensions.forEach((value, index) => {
    if (value.includes('|')) {
      problems.push({ path: `${path}.dimensions[${index}]`, message: `"${value}" contains "|", which the API uses to join dimension values` });
    }
  });
  checkTimelineOrder(problems, path, plan.timeline, 'fire', 'clear');
}

/** Returns the problems a schema cannot express: references, uniqueness and the order of events. */
export function checkScenario(scenario: Scenario): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  checkUnique(problems, 'sites', 'key', scenario.sites.map((site) => site.key));
  checkUnique(problems, 'sites', 'id', scenario.sites.map((site) => site.id));
  checkUnique(problems, 'agentIncidents', 'id', scenario.agentIncidents.map((plan) => plan.id));
  checkUnique(problems, 'alertRules', 'key', scenario.alertRules.map((rule) => rule.key));
  checkUnique(problems, 'alertIncidents', 'id', scenario.alertIncidents.map((plan) => plan.id));
  checkUnique(problems, 'alertIncidents', 'ticketId', scenario.alertIncidents.map((plan) => plan.ticketId));

  scenario.agentIncidents.forEach((plan, index) => checkAgentIncident(problems, scenario, plan, `agentIncidents[${index}]`));
  scenario.alertIncidents.forEach((plan, index) => checkAlertIncident(problems, scenario, plan, `alertIncidents[${index}]`));
  return problems;
}
