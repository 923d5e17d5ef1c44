import type { AlertIncident } from '../../sevensignal/types.ts';
import type { AlertEvent, AlertIncidentPlan, AlertRulePlan, Scenario } from './scenario-schema.ts';
import type { ScenarioTarget } from './scenario-target.ts';

function findRule(scenario: Scenario, plan: AlertIncidentPlan): AlertRulePlan {
  const rule = scenario.alertRules.find((candidate) => candidate.key === plan.rule);
  if (rule === undefined) {
    throw new Error(`Alert incident ${plan.id} names rule "${plan.rule}", which the scenario does not list`);
  }
  return rule;
}

/** Names an alert incident in log lines, such as `client_health_score for network CorpWiFi, band 5 (ticket 4711)`. */
export function describeAlertPlan(scenario: Scenario, plan: AlertIncidentPlan): string {
  const rule = findRule(scenario, plan);
  const dimensions = rule.dimensionSet.map((name, index) => `${name} ${plan.dimensions[index] ?? '?'}`).join(', ');
  return `${rule.metric} for ${dimensions} (ticket ${plan.ticketId})`;
}

/** Builds the active incident as the API returns it when the rule fires, with the rule's snapshot. */
export function buildAlertIncident(scenario: Scenario, plan: AlertIncidentPlan, firedAt: number, value: number): AlertIncident {
  const rule = findRule(scenario, plan);
  return {
    id: plan.id,
    ticketId: plan.ticketId,
    ruleId: rule.id,
    metric: rule.metric,
    dimensionSet: [...rule.dimensionSet],
    dimensionKey: plan.dimensions.join('|'),
    startedAt: firedAt,
    resolvedAt: null,
    resolutionReason: null,
    triggerValue: value,
    resolveValue: null,
    snapshot: {
      thresholdValue: rule.thresholdValue,
      thresholdOperator: rule.thresholdOperator,
      aggregationFunction: rule.aggregationFunction,
      pendingPeriodSeconds: rule.pendingPeriodSeconds,
      dimensionFilters: null,
    },
  };
}

/**
 * Applies one event of an alert incident to the fake and describes it in one line. A clear event
 * leaves an incident alone that is already resolved, such as by the Resolve button.
 */
export function applyAlertEvent(
  target: ScenarioTarget,
  scenario: Scenario,
  plan: AlertIncidentPlan,
  index: number,
  startedAt: number,
): string {
  const event: AlertEvent | undefined = plan.timeline[index];
  if (event === undefined) {
    throw new Error(`Alert incident ${plan.id} has no event ${index}`);
  }
  const at = startedAt + event.at;
  const name = describeAlertPlan(scenario, plan);

  if (event.event === 'fire') {
    const rule = findRule(scenario, plan);
    target.addAlertIncident(buildAlertIncident(scenario, plan, at, event.value));
    return `alert fired: ${name}, value ${event.value} (${rule.aggregationFunction} ${rule.thresholdOperator} ${rule.thresholdValue})`;
  }

  const current = target.getAlertIncident(plan.id);
  if (current?.resolvedAt !== undefined && current.resolvedAt !== null) {
    return `alert clear skipped: ${name} is already resolved (${current.resolutionReason ?? 'no reason'})`;
  }
  target.updateAlertIncident(plan.id, { resolvedAt: at, resolutionReason: event.reason, resolveValue: event.value ?? null });
  const value = event.value === undefined ? '' : `, value ${event.value}`;
  return `alert cleared: ${name}${value} (${event.reason})`;
}
