import type { FakeSevenSignal } from '../sevensignal/types.ts';

/** The parts of the fake 7SIGNAL API that a scenario changes. */
export type ScenarioTarget = Pick<
  FakeSevenSignal,
  'addAgentIncident' | 'updateAgentIncident' | 'addAlertIncident' | 'updateAlertIncident' | 'getAlertIncident'
>;

/** An event of a scenario after it was applied, for the run's log. */
export interface AppliedEvent {
  /** Planned time of the event in epoch milliseconds. */
  at: number;
  /** Offset from the start of the run in milliseconds; negative for events before the start. */
  offset: number;
  kind: 'agent' | 'alert';
  incidentId: string;
  event: string;
  /** One line in words, such as `agent incident recovered: CONNECTION at Main Campus - Floor 2 (CorpWiFi, 5 GHz)`. */
  description: string;
}
