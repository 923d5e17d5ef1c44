import { applyAgentEvent } from './agent-incident-events.ts';
import { applyAlertEvent } from './alert-incident-events.ts';
import type { Scenario } from './scenario-schema.ts';
import type { AppliedEvent, ScenarioTarget } from './scenario-target.ts';

interface Step {
  offset: number;
  kind: AppliedEvent['kind'];
  incidentId: string;
  event: string;
  apply: () => string;
}

/** Lists every event of the scenario in time order; events at the same offset keep the file's order. */
function planSteps(scenario: Scenario, target: ScenarioTarget, startedAt: number): Step[] {
  const steps: Step[] = [];
  for (const plan of scenario.agentIncidents) {
    plan.timeline.forEach((event, index) => {
      steps.push({
        offset: event.at,
        kind: 'agent',
        incidentId: plan.id,
        event: event.event,
        apply: () => applyAgentEvent(target, scenario, plan, index, startedAt),
      });
    });
  }
  for (const plan of scenario.alertIncidents) {
    plan.timeline.forEach((event, index) => {
      steps.push({
        offset: event.at,
        kind: 'alert',
        incidentId: plan.id,
        event: event.event,
        apply: () => applyAlertEvent(target, scenario, plan, index, startedAt),
      });
    });
  }
  // Array.prototype.sort is stable, so steps at equal offsets stay in the order above.
  return steps.sort((a, b) => a.offset - b.offset);
}

/**
 * Applies the events of a scenario to the fake 7SIGNAL API as time passes. The caller decides when:
 * `applyDue(now)` applies every event planned at or before `now`, so a test can drive it with its own clock.
 */
export class ScenarioRunner {
  private readonly steps: Step[];
  private nextIndex = 0;

  constructor(
    scenario: Scenario,
    target: ScenarioTarget,
    /** Epoch milliseconds that offset 0 stands for. */
    readonly startedAt: number,
  ) {
    this.steps = planSteps(scenario, target, startedAt);
  }

  /** Planned time of the next event in epoch milliseconds; undefined once all are applied. */
  get nextAt(): number | undefined {
    const step = this.steps[this.nextIndex];
    return step === undefined ? undefined : this.startedAt + step.offset;
  }

  /** Offset of the last event in milliseconds, 0 for a scenario without events. */
  get lastOffset(): number {
    return this.steps.at(-1)?.offset ?? 0;
  }

  /** Applies the events planned at or before `now`, in order, and returns them. */
  applyDue(now: number): AppliedEvent[] {
    const applied: AppliedEvent[] = [];
    for (let step = this.steps[this.nextIndex]; step !== undefined; step = this.steps[this.nextIndex]) {
      if (this.startedAt + step.offset > now) {
        break;
      }
      this.nextIndex += 1;
      const description = step.apply();
      applied.push({
        at: this.startedAt + step.offset,
        offset: step.offset,
        kind: step.kind,
        incidentId: step.incidentId,
        event: step.event,
        description,
      });
    }
    return applied;
  }
}
