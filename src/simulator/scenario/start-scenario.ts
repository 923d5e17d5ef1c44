import type { Scenario } from './scenario-schema.ts';
import { ScenarioRunner } from './scenario-runner.ts';
import type { AppliedEvent, ScenarioTarget } from './scenario-target.ts';

export interface ScenarioOptions {
  scenario: Scenario;
  target: ScenarioTarget;
  /** Called for each applied event, in order. */
  onEvent: (event: AppliedEvent) => void;
  /** Called once the last event is applied. */
  onFinished?: () => void;
  /** Called when applying an event throws; the remaining events are not applied. */
  onError?: (error: Error) => void;
}

export interface RunningScenario {
  runner: ScenarioRunner;
  /** Cancels the events not applied yet. */
  stop(): void;
}

/**
 * Starts a scenario at the present time: events with negative offsets are applied at once, with
 * their timestamps in the past, and each later event when its time comes, on timers.
 */
export function startScenario(options: ScenarioOptions): RunningScenario {
  const runner = new ScenarioRunner(options.scenario, options.target, Date.now());
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const applyDue = (): void => {
    timer = undefined;
    if (stopped) {
      return;
    }
    try {
      for (const event of runner.applyDue(Date.now())) {
        options.onEvent(event);
      }
    } catch (error) {
      stopped = true;
      options.onError?.(error instanceof Error ? error : new Error(String(error)));
      return;
    }

    const nextAt = runner.nextAt;
    if (nextAt === undefined) {
      options.onFinished?.();
      return;
    }
    // applyDue compares with the clock again, so a timer that fires a millisecond early only reschedules.
    timer = setTimeout(applyDue, Math.max(0, nextAt - Date.now()));
  };

  applyDue();
  return {
    runner,
    stop() {
      stopped = true;
      if (timer !== undefined) {
        clearTimeout(timer);
      }
    },
  };
}
