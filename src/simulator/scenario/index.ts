/** Scenarios: timed agent and alert-rule incidents that drive the fake 7SIGNAL API for the demo. */
export { loadScenario, parseScenario, ScenarioError } from './load-scenario.ts';
export { parseOffset, formatOffset } from './scenario-offset.ts';
export { ScenarioRunner } from './scenario-runner.ts';
export { startScenario, type RunningScenario, type ScenarioOptions } from './start-scenario.ts';
export type { AppliedEvent, ScenarioTarget } from './scenario-target.ts';
export type { Scenario } from './scenario-schema.ts';
