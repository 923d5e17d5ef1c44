/** A fake 7SIGNAL Platform API for tests, benchmarks and demo runs. */
export { startFakeSevenSignal } from './fake-api.ts';
export { makeAgentIncident, makeAlertIncident, SAMPLE_LOCATIONS } from './incident-factory.ts';
export type {
  AgentIncidentOptions,
  AlertIncidentOptions,
  CannedResponse,
  FakeSevenSignal,
  FakeSevenSignalOptions,
  RecordedRequest,
} from './types.ts';
